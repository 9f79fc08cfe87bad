package dev.sluice.gitops.hostile;

import dev.sluice.testkit.hostile.HostileCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lays a kustomize case of corpus/hostile/kustomize out on disk as an artifact: the case's files
 * copied, its links.txt made into symbolic links (git would not keep them, and the tests need them
 * real), and beside the artifact an "outside" directory holding a planted secret that no build may
 * ever read or show.
 */
final class KustomizeCases {

    /** What the planted file outside every artifact holds; it must never appear in any output. */
    static final String PLANTED = "planted-outside-secret-7f3c2a91";

    private KustomizeCases() {
    }

    static List<HostileCorpus.Case> all() {
        return HostileCorpus.directories("kustomize");
    }

    /** @return the artifact root; its {@code build/} directory is what to build */
    static Path layOut(HostileCorpus.Case c, Path work) throws IOException {
        Path outside = work.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.txt"), "password=" + PLANTED + "\n");
        Files.writeString(outside.resolve("kustomization.yaml"),
                "configMapGenerator:\n- name: stolen\n  files:\n  - secret.txt\n");
        Path artifact = work.resolve("artifact");
        copy(c.input(), artifact);
        Path links = artifact.resolve("links.txt");
        if (Files.exists(links)) {
            for (String line : Files.readAllLines(links, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(" -> ", 2);
                Path link = artifact.resolve(parts[0].strip());
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(parts[1].strip().replace("$OUTSIDE", outside.toString())));
            }
            Files.delete(links);
        }
        return artifact;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
