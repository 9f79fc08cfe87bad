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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
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
    private final Path previousTree;
    private final Map<String, String> previousIndex;
    private final StringBuilder index = new StringBuilder();
    private int files;
    private int linked;
    private boolean finished;

    ArtifactWriter(Path tree, OutputStream tarGz) throws IOException {
        this(tree, tarGz, null, Map.of());
    }

    /**
     * @param previousTree  an earlier tree of the same source whose unchanged files are hard-linked
     *                      instead of written again (both trees are read-only), or null
     * @param previousIndex that tree's {@link #index()}: path to blob id and mode
     */
    ArtifactWriter(Path tree, OutputStream tarGz, Path previousTree, Map<String, String> previousIndex) throws IOException {
        this.tree = tree;
        this.previousTree = previousTree;
        this.previousIndex = previousIndex;
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
        add(path, executable, "", size, content);
    }

    /**
     * Adds a regular file; {@code blobId} (the Git object id, or "") lets an unchanged file be
     * hard-linked from the previous tree instead of written.
     */
    public void add(String path, boolean executable, String blobId, long size, InputStream content) throws IOException {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            addDirs(path.substring(0, slash));
        }
        Path target = tree.resolve(path);
        TarArchiveEntry e = entry(path, executable ? EXE_MODE : FILE_MODE);
        e.setSize(size);
        tar.putArchiveEntry(e);
        String key = blobId.isEmpty() || path.indexOf('\n') >= 0 ? "" : blobId + (executable ? " x" : " -");
        if (!key.isEmpty()) {
            index.append(key).append(' ').append(path).append('\n');
        }
        if (size <= IN_MEMORY_LIMIT) {
            byte[] bytes = content.readNBytes((int) size);
            if (!link(key, path, target)) {
                try (SeekableByteChannel ch = Files.newByteChannel(target, CREATE_WRITE, mode(executable))) {
                    ch.write(ByteBuffer.wrap(bytes));
                }
            }
            tar.write(bytes);
        } else {
            if (!link(key, path, target)) {
                try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(target, CREATE_WRITE, mode(executable)))) {
                    content.transferTo(out);
                }
            }
            Files.copy(target, tar);
        }
        tar.closeArchiveEntry();
        files++;
    }

    // Consumers get a read-only tree: a build step writing into it would corrupt a shared
    // revision. The mode is given at creation, which saves a chmod per file.
    private static FileAttribute<?> mode(boolean executable) {
        return executable ? READ_ONLY_EXE : READ_ONLY;
    }

    /** Hard-links an unchanged file from the previous tree; false when it cannot (then it is written). */
    private boolean link(String key, String path, Path target) {
        if (key.isEmpty() || previousTree == null || !key.equals(previousIndex.get(path))) {
            return false;
        }
        try {
            Files.createLink(target, previousTree.resolve(path));
            linked++;
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // e.g. the previous tree was collected meanwhile
        }
    }

    /** Lines {@code <blob id> <x|-> <path>} for the files added, for the next artifact's reuse. */
    String index() {
        return index.toString();
    }

    /** Parses {@link #index()}: path to {@code <blob id> <x|->}. */
    static Map<String, String> parseIndex(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3) {
                out.put(parts[2], parts[0] + " " + parts[1]);
            }
        }
        return out;
    }

    int linked() {
        return linked;
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
