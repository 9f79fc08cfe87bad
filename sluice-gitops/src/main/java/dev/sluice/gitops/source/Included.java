package dev.sluice.gitops.source;

import dev.sluice.api.source.GitRepositoryInclude;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One resolved {@code spec.include[]}: the included GitRepository's current artifact and the
 * directory holding its files.
 */
record Included(GitRepositoryInclude include, Artifact artifact, Path dir) {

    /** A file to copy: where it is and where it goes in the including artifact. */
    record File(Path source, String target, boolean executable) {
    }

    /** The files under {@code fromPath}, mapped under {@code toPath}, sorted by target path. */
    List<File> files() throws IOException {
        Path from = include.fromPath().isEmpty() ? dir : dir.resolve(include.fromPath()).normalize();
        List<File> out = new ArrayList<>();
        if (!from.startsWith(dir) || !Files.isDirectory(from)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String rel = from.relativize(p).toString().replace('\\', '/');
                String target = include.toPath().isEmpty() ? rel : include.toPath() + "/" + rel;
                out.add(new File(p, target, Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_EXECUTE)));
            }
        }
        out.sort((a, b) -> a.target().compareTo(b.target()));
        return out;
    }

    static InputStream open(File f) throws IOException {
        return Files.newInputStream(f.source());
    }
}
