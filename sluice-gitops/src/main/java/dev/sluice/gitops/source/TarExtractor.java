package dev.sluice.gitops.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Unpacks an artifact tar.gz into a read-only tree, refusing entries that would leave it. */
final class TarExtractor {

    private TarExtractor() {
    }

    static void extract(Path tarGz, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarGz));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw), "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("archive entry '" + e.getName() + "' leaves the artifact directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    boolean exe = (e.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exe ? "r-xr-xr-x" : "r--r--r--"));
                }
            }
        }
    }
}
