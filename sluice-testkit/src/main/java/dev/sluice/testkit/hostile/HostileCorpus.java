package dev.sluice.testkit.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hostile-input corpus kept in the repository at {@code corpus/hostile/} (see its README): every
 * input, a file or a small directory, has a sidecar {@code NAME.expect} listing the substrings its
 * error must contain, one per line. Lines starting with {@code #} are comments; {@code !valid} marks
 * a control input that must pass, {@code !warning} one that only warns. Stateless and thread-safe.
 */
public final class HostileCorpus {

    /** One input and what its error must say. */
    public record Case(String name, Path input, List<String> expected, boolean valid, boolean warningOnly) {

        /** Fails naming every missing substring and the whole output, so that a broken case is fixed quickly. */
        public void assertOutputNames(String output) {
            List<String> missing = expected.stream().filter(s -> !output.contains(s)).toList();
            if (!missing.isEmpty()) {
                throw new AssertionError(name + ": the error does not contain " + missing + "\nit was:\n" + output);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HostileCorpus() {
    }

    /** {@code corpus/hostile} of the repository, found by walking up from the working directory. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("corpus").resolve("hostile");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no corpus/hostile above " + Path.of("").toAbsolutePath());
    }

    /** The files of {@code category} whose names end with {@code suffix}, sorted by name. */
    public static List<Case> files(String category, String suffix) {
        return list(category, p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix), suffix);
    }

    /** The directories of {@code category} (each one input), sorted by name. */
    public static List<Case> directories(String category) {
        return list(category, Files::isDirectory, "");
    }

    private static List<Case> list(String category, java.util.function.Predicate<Path> isInput, String suffix) {
        Path dir = root().resolve(category);
        try (Stream<Path> s = Files.list(dir)) {
            List<Case> out = new ArrayList<>();
            for (Path p : s.filter(isInput).sorted().toList()) {
                String file = p.getFileName().toString();
                String name = file.substring(0, file.length() - suffix.length());
                out.add(read(category + "/" + name, p, dir.resolve(name + ".expect")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case read(String name, Path input, Path expectFile) throws IOException {
        if (!Files.isRegularFile(expectFile)) {
            throw new IllegalStateException(input + " has no sidecar " + expectFile.getFileName());
        }
        List<String> expected = new ArrayList<>();
        boolean valid = false;
        boolean warning = false;
        for (String line : Files.readAllLines(expectFile, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            switch (line) {
                case "!valid" -> valid = true;
                case "!warning" -> warning = true;
                default -> expected.add(line);
            }
        }
        if (!valid && expected.isEmpty()) {
            throw new IllegalStateException(expectFile + " names no expected error");
        }
        return new Case(name, input, List.copyOf(expected), valid, warning);
    }
}
