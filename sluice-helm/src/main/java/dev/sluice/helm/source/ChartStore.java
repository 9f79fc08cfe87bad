package dev.sluice.helm.source;

import dev.sluice.api.ObjectKey;
import dev.sluice.gitops.source.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The artifacts of Helm sources, laid out as Flux's source-controller stores them:
 * {@code helmrepository/<ns>/<name>/index-<sha256>.yaml} for a repository index and
 * {@code helmchart/<ns>/<name>/<chart>-<version>.tgz} for a packaged chart. Files are written to a
 * temporary name and renamed into place (a crash leaves the old or the new file) and read back
 * only when their digest matches the one advertised in status. Thread-safe for different sources;
 * the reconcilers serialize writes per source.
 */
public final class ChartStore {

    private final Path root;
    private final String baseUrl;
    private final Clock clock;

    /** @param baseUrl where {@code root} is served, e.g. {@code http://source-controller.flux-system.svc.cluster.local.} */
    public ChartStore(Path root, String baseUrl, Clock clock) {
        this.root = root;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /**
     * Stores {@code content} as {@code <kind>/<ns>/<name>/<file>} and returns its artifact.
     *
     * @throws IOException when it cannot be written
     */
    public Artifact write(ObjectKey source, String fileName, String revision, byte[] content) throws IOException {
        String rel = directory(source) + "/" + fileName;
        Path target = root.resolve(rel);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Artifact(revision, digest(content), rel, baseUrl + "/" + rel, content.length,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * The bytes of a stored artifact.
     *
     * @throws NoSuchFileException when it is not in storage
     * @throws IOException         when its content does not match the artifact's digest
     */
    public byte[] read(Artifact artifact) throws IOException {
        Path p = root.resolve(artifact.path()).normalize();
        if (!p.startsWith(root)) {
            throw new IOException("artifact path '" + artifact.path() + "' leaves the storage directory");
        }
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(artifact.path(), null, "artifact for revision '" + artifact.revision()
                    + "' is not in storage");
        }
        byte[] b = Files.readAllBytes(p);
        String actual = digest(b);
        if (!artifact.digest().isEmpty() && !actual.equals(artifact.digest())) {
            throw new IOException("computed digest " + actual + " of " + artifact.path() + " doesn't match '"
                    + artifact.digest() + "'");
        }
        return b;
    }

    public boolean contains(Artifact artifact) {
        return Files.isRegularFile(root.resolve(artifact.path()));
    }

    /** Deletes every file of {@code source} except {@code keep}'s. */
    public void gc(ObjectKey source, Artifact keep) {
        Path dir = root.resolve(directory(source));
        Path kept = root.resolve(keep.path());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!p.equals(kept)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("garbage collection of " + dir + " failed", e);
        }
    }

    /** Removes every artifact of a deleted source. */
    public void deleteAll(ObjectKey source) {
        Path dir = root.resolve(directory(source));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    static String directory(ObjectKey source) {
        return source.groupKind().kind().toLowerCase(Locale.ROOT) + "/" + source.namespace() + "/" + source.name();
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
