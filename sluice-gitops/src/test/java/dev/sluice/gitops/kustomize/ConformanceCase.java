package dev.sluice.gitops.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One case of the kustomize conformance corpus: {@code input/} (the load root), an optional
 * {@code build-dir.txt} (the directory to build, relative to input), and either {@code
 * expected.yaml} (+ {@code expected-warnings.txt}) produced by {@code kubectl kustomize} or
 * {@code expected-error.txt} holding a substring of our error message.
 */
record ConformanceCase(String name, Path dir) {

    static final Path CORPUS = Path.of("src/test/resources/kustomize-conformance");

    static List<ConformanceCase> all() {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> Files.isDirectory(p.resolve("input")))
                    .sorted()
                    .map(p -> new ConformanceCase(p.getFileName().toString(), p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path input() {
        return dir.resolve("input");
    }

    Path buildDir() {
        Optional<String> sub = read("build-dir.txt").map(String::strip);
        return sub.map(s -> input().resolve(s)).orElse(input());
    }

    Optional<String> expectedYaml() {
        return read("expected.yaml");
    }

    Optional<String> expectedError() {
        return read("expected-error.txt").map(String::strip);
    }

    List<String> expectedWarnings() {
        return read("expected-warnings.txt").map(s -> s.lines().toList()).orElse(List.of());
    }

    BuildResult build() {
        return new Kustomizer().build(buildDir(), KustomizeOptions.defaults().withLoadRoot(input()));
    }

    private Optional<String> read(String file) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a multi-document stream at its top-level "---" lines. */
    static List<String> documents(String yaml) {
        List<String> docs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : yaml.split("\n", -1)) {
            if (line.equals("---")) {
                docs.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(line).append('\n');
            }
        }
        if (!cur.isEmpty() && !cur.toString().equals("\n")) {
            docs.add(cur.toString());
        }
        return docs;
    }

    /** A message pointing at the first differing line, or empty if equal. */
    static Optional<String> firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of output>";
            String al = i < a.length ? a[i] : "<end of output>";
            if (!el.equals(al)) {
                StringBuilder context = new StringBuilder();
                for (int j = Math.max(0, i - 3); j < i; j++) {
                    context.append("    ").append(e[j]).append('\n');
                }
                return Optional.of("first difference at line " + (i + 1) + ":\n" + context
                        + "expected: " + el + "\nactual:   " + al);
            }
        }
        return Optional.of("outputs differ (line endings?)");
    }
}
