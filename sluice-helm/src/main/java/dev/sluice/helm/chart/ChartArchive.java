package dev.sluice.helm.chart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A packaged chart ({@code <name>-<version>.tgz}): the files under its top directory, by path
 * relative to the chart root ({@code Chart.yaml}, {@code templates/deployment.yaml}). Reading
 * refuses entries that leave the chart, absolute paths and archives over Helm's limits; writing is
 * deterministic (sorted entries, no times or owners), so equal charts give equal digests.
 * Immutable.
 */
public record ChartArchive(String topDirectory, Map<String, byte[]> files) {

    /** Helm refuses charts that decompress to more than this. */
    public static final long MAX_DECOMPRESSED = 100L * 1024 * 1024;
    /** Helm refuses single files larger than this. */
    public static final long MAX_FILE = 5L * 1024 * 1024;

    public ChartArchive {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public static ChartArchive read(Path tgz) throws ChartException {
        try (InputStream in = Files.newInputStream(tgz)) {
            return read(in, tgz.getFileName().toString());
        } catch (IOException e) {
            throw new ChartException("cannot read chart archive " + tgz.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static ChartArchive read(byte[] tgz, String name) throws ChartException {
        return read(new ByteArrayInputStream(tgz), name);
    }

    private static ChartArchive read(InputStream raw, String name) throws ChartException {
        Map<String, byte[]> out = new TreeMap<>();
        String top = null;
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw), "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String path = e.getName().replace('\\', '/');
                while (path.startsWith("./")) {
                    path = path.substring(2);
                }
                if (path.startsWith("/") || path.contains("../") || path.equals("..")) {
                    throw new ChartException("chart archive " + name + ": entry '" + e.getName() + "' leaves the chart");
                }
                int slash = path.indexOf('/');
                if (slash <= 0) {
                    throw new ChartException("chart archive " + name + ": file '" + path + "' is not inside a chart directory");
                }
                String dir = path.substring(0, slash);
                if (top == null) {
                    top = dir;
                } else if (!top.equals(dir)) {
                    throw new ChartException("chart archive " + name + ": more than one top directory ('" + top + "', '" + dir + "')");
                }
                if (e.getSize() > MAX_FILE) {
                    throw new ChartException("chart archive " + name + ": file '" + path + "' is larger than 5 MiB");
                }
                total += e.getSize();
                if (total > MAX_DECOMPRESSED) {
                    throw new ChartException("chart archive " + name + " decompresses to more than 100 MiB");
                }
                out.put(path.substring(slash + 1), tar.readNBytes((int) e.getSize()));
            }
        } catch (IOException e) {
            throw new ChartException("chart archive " + name + " is not a gzipped tar: " + e.getMessage(), e);
        }
        if (top == null || !out.containsKey("Chart.yaml")) {
            throw new ChartException("chart archive " + name + " has no Chart.yaml");
        }
        return new ChartArchive(top, out);
    }

    public ChartMetadata metadata() throws ChartException {
        return ChartMetadata.parse(files.get("Chart.yaml"), topDirectory + "/Chart.yaml");
    }

    /** A file's content, or null. */
    public byte[] file(String path) {
        return files.get(path);
    }

    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A copy with {@code path} replaced (or added). */
    public ChartArchive with(String path, byte[] content) {
        Map<String, byte[]> m = new TreeMap<>(files);
        m.put(path, content);
        return new ChartArchive(topDirectory, m);
    }

    /** The deterministic tar.gz of this chart, its files under {@link #topDirectory}. */
    public byte[] toTgz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes), "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(topDirectory + "/" + f.getKey(), true);
                e.setMode(0100644);
                e.setModTime(0);
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes the files under {@code dir/<topDirectory>}; returns that directory. */
    public Path writeTo(Path dir) throws IOException {
        Path root = dir.resolve(topDirectory);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = root.resolve(f.getKey()).normalize();
            if (!p.startsWith(root)) {
                throw new IOException("chart file '" + f.getKey() + "' leaves the chart directory");
            }
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        return root;
    }
}
