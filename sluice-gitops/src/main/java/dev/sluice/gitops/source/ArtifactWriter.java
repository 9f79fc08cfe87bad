package dev.sluice.gitops.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one artifact twice at once: a directory tree (what local consumers open) and a
 * deterministic tar.gz (what Flux serves), hashing the tar.gz as it goes. Entries carry no owner,
 * no time and Flux's fixed modes (0600 files, 0700 executables, 0750 directories), so equal
 * content gives an equal digest. Files must be added in a stable order. Not thread-safe.
 */
public final class ArtifactWriter implements AutoCloseable {

    private static final long FILE_MODE = 0100600;
    private static final long EXE_MODE = 0100700;
    private static final long DIR_MODE = 040750;
    private static final long IN_MEMORY_LIMIT = 1 << 20;
    private static final Set<OpenOption> CREATE_WRITE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<?> READ_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--"));
    private static final FileAttribute<?> READ_ONLY_EXE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x"));

    private final Path tree;
    private final MessageDigest sha256;
    private final CountingStream counter;
    private final TarArchiveOutputStream tar;
    private final Set<String> dirs = new HashSet<>();
    private int files;
    private boolean finished;

    ArtifactWriter(Path tree, OutputStream tarGz) throws IOException {
        this.tree = tree;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.counter = new CountingStream(new DigestOutputStream(tarGz, sha256));
        this.tar = new TarArchiveOutputStream(new GZIPOutputStream(counter, 64 * 1024), "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Files.createDirectories(tree);
    }

    /** Adds a regular file read from {@code content} ({@code size} bytes). */
    public void add(String path, boolean executable, long size, InputStream content) throws IOException {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            addDirs(path.substring(0, slash));
        }
        Path target = tree.resolve(path);
        TarArchiveEntry e = entry(path, executable ? EXE_MODE : FILE_MODE);
        e.setSize(size);
        tar.putArchiveEntry(e);
        // Consumers get a read-only tree: a build step writing into it would corrupt a shared
        // revision. The mode is given at creation, which saves a chmod per file.
        FileAttribute<?> mode = executable ? READ_ONLY_EXE : READ_ONLY;
        if (size <= IN_MEMORY_LIMIT) {
            byte[] bytes = content.readNBytes((int) size);
            try (SeekableByteChannel ch = Files.newByteChannel(target, CREATE_WRITE, mode)) {
                ch.write(ByteBuffer.wrap(bytes));
            }
            tar.write(bytes);
        } else {
            try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(target, CREATE_WRITE, mode))) {
                content.transferTo(out);
            }
            Files.copy(target, tar);
        }
        tar.closeArchiveEntry();
        files++;
    }

    private void addDirs(String dir) throws IOException {
        if (dir.isEmpty() || dirs.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            addDirs(dir.substring(0, slash));
        }
        dirs.add(dir);
        Files.createDirectories(tree.resolve(dir));
        tar.putArchiveEntry(entry(dir + "/", DIR_MODE));
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode((int) mode);
        e.setModTime(0);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    int files() {
        return files;
    }

    /** Completes the tar.gz; returns {@code sha256:<hex>} and the byte count. */
    Result finish() throws IOException {
        tar.finish();
        tar.close();
        finished = true;
        return new Result("sha256:" + HexFormat.of().formatHex(sha256.digest()), counter.count);
    }

    record Result(String digest, long size) {
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            tar.close();
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
