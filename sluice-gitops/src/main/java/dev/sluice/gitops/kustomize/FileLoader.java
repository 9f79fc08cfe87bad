package dev.sluice.gitops.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads files for a build, refusing any path that leaves the load root: {@code ../} escapes,
 * absolute paths elsewhere, and symlinks whose target lies outside. Thread-safe.
 */
final class FileLoader {

    private final Path root;
    private final Path realRoot;
    private final boolean filesUnderKustomization;

    /**
     * @param root nothing outside it is read
     * @param filesUnderKustomization kustomize's default LoadRestrictionsRootOnly: a file (not a base
     *     directory) must also lie in or below the directory of the kustomization naming it
     */
    FileLoader(Path root, boolean filesUnderKustomization) {
        this.filesUnderKustomization = filesUnderKustomization;
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new KustomizeException("load root '" + root + "' does not exist");
        }
    }

    Path root() {
        return root;
    }

    /**
     * Resolves {@code entry} (as written in the kustomization at {@code kustFile}) against {@code
     * dir}, checking that it stays inside the root, and that it exists.
     */
    Path resolve(Path dir, String entry, String field, Path kustFile) {
        Path p = dir.resolve(entry).normalize();
        if (!p.startsWith(root)) {
            throw new KustomizeException(
                    "security; file '" + p + "' is not in or below '" + root + "' (" + field + " entry '" + entry
                            + "' in " + kustFile + ")");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new KustomizeException(
                    "missing file: '" + p + "' (" + field + " entry '" + entry + "' in " + kustFile + ")");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new KustomizeException(
                    "cannot resolve '" + p + "' (" + field + " entry '" + entry + "' in " + kustFile + "): broken symlink?");
        }
        if (filesUnderKustomization && !Files.isDirectory(p) && !p.startsWith(dir.normalize())) {
            throw new KustomizeException(
                    "security; file '" + p + "' is not in or below '" + dir.normalize() + "' (" + field + " entry '" + entry
                            + "' in " + kustFile + "); only bases (directories) may lie outside a kustomization's directory");
        }
        if (!real.startsWith(realRoot)) {
            throw new KustomizeException(
                    "security; file '" + p + "' resolves through a symlink to '" + real + "', which is not in or below '"
                            + root + "' (" + field + " entry '" + entry + "' in " + kustFile + ")");
        }
        return p;
    }

    /**
     * Checks a file found by name rather than through an entry (a kustomization file): a symlink
     * may not lead it out of the load root.
     */
    void requireInside(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new KustomizeException("cannot resolve '" + file + "': broken symlink?");
        }
        if (!real.startsWith(realRoot)) {
            throw new KustomizeException("security; file '" + file + "' resolves through a symlink to '" + real
                    + "', which is not in or below '" + root + "'");
        }
    }

    String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new KustomizeException("file '" + file + "' is not valid UTF-8");
        } catch (IOException e) {
            throw new KustomizeException("cannot read '" + file + "': " + e.getMessage());
        }
    }

    byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KustomizeException("cannot read '" + file + "': " + e.getMessage());
        }
    }
}
