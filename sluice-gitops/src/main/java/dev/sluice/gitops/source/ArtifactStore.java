package dev.sluice.gitops.source;

import dev.sluice.api.ObjectKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Source artifacts under the state directory, immutable once written:
 * <pre>
 *   &lt;root&gt;/gitrepository/&lt;ns&gt;/&lt;name&gt;/&lt;sha&gt;.tar.gz              the archive, as Flux stores it
 *   &lt;root&gt;/trees/gitrepository/&lt;ns&gt;/&lt;name&gt;/&lt;digest hex&gt;/   the same files, unpacked, read-only
 * </pre>
 * A tree is named by its archive's digest, so the same commit with other ignore rules is a different
 * tree and a tree never changes under a reader. Writes go to a temporary name and are renamed into
 * place, so a crash leaves either the old or the new artifact. Thread-safe for different sources;
 * writes and {@link #gc} of one source must not overlap (the reconciler serializes them per key);
 * {@link #open} may run concurrently with anything.
 */
public final class ArtifactStore {

    /** Suffix of a tree's reuse index file. */
    private static final String INDEX = ".blobs";

    private final Path root;
    private final String baseUrl;
    private final Clock clock;

    /**
     * @param root    the storage directory (created if missing)
     * @param baseUrl where {@code root} is served, e.g. {@code http://source-controller.flux-system.svc.cluster.local.}
     */
    public ArtifactStore(Path root, String baseUrl, Clock clock) {
        this.root = root;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** Receives the files of a new artifact. */
    @FunctionalInterface
    public interface Content {
        void writeTo(ArtifactWriter writer) throws IOException;
    }

    /**
     * Writes the artifact of {@code revision} for {@code source}.
     *
     * @throws GitSourceException (StorageOperationFailed) when the files cannot be written
     */
    public Artifact write(ObjectKey source, String revision, Content content) throws GitSourceException {
        return write(source, revision, Optional.empty(), content);
    }

    /**
     * Writes the artifact of {@code revision} for {@code source}; files unchanged since
     * {@code previous} (same Git blob and mode) are hard-linked from its tree rather than written
     * again, which makes a small commit to a large repository cheap.
     *
     * @throws GitSourceException (StorageOperationFailed) when the files cannot be written
     */
    public Artifact write(ObjectKey source, String revision, Optional<Artifact> previous, Content content)
            throws GitSourceException {
        String dir = directory(source);
        String commit = GitRevision.commitOf(revision);
        Path tarball = root.resolve(dir).resolve(commit + ".tar.gz");
        Path trees = root.resolve("trees").resolve(dir);
        String tmp = ".tmp-" + UUID.randomUUID();
        Path tmpTar = tarball.resolveSibling(tmp + ".tar.gz");
        Path tmpTree = trees.resolve(tmp);
        try {
            Files.createDirectories(tarball.getParent());
            Files.createDirectories(trees);
            Path previousTree = previous.map(this::treeOf).filter(Files::isDirectory).orElse(null);
            Map<String, String> previousIndex = previousTree == null ? Map.of() : readIndex(previousTree);
            ArtifactWriter.Result result;
            String index;
            try (OutputStream out = Files.newOutputStream(tmpTar);
                 ArtifactWriter w = new ArtifactWriter(tmpTree, out, previousTree, previousIndex)) {
                content.writeTo(w);
                result = w.finish();
                index = w.index();
            }
            Path tree = trees.resolve(hex(result.digest()));
            if (Files.isDirectory(tree)) {
                Storage.deleteTree(tmpTree); // same content already unpacked
            } else {
                Path tmpIndex = trees.resolve(tmp + INDEX);
                Files.writeString(tmpIndex, index);
                moveAtomically(tmpIndex, indexOf(tree));
                moveAtomically(tmpTree, tree);
            }
            moveAtomically(tmpTar, tarball);
            String rel = dir + "/" + commit + ".tar.gz";
            return new Artifact(revision, result.digest(), rel, baseUrl + "/" + rel, result.size(),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        } catch (IOException | UncheckedIOException e) {
            Storage.deleteTree(tmpTree);
            Storage.deleteTree(tmpTar);
            throw new GitSourceException(GitSourceException.STORAGE_OPERATION_FAILED,
                    "unable to archive artifact to storage: " + e.getMessage(), e);
        }
    }

    /** Whether both the archive and the tree of {@code artifact} are present. */
    public boolean contains(Artifact artifact) {
        return Files.isRegularFile(root.resolve(artifact.path())) && Files.isDirectory(treeOf(artifact));
    }

    /**
     * The read-only directory holding the files of {@code artifact} (the same files as its
     * tar.gz), for local consumers such as the Kustomization reconciler. If only the archive
     * survived (e.g. the tree was removed by hand), it is unpacked again after its digest is
     * checked.
     *
     * @throws NoSuchFileException when the artifact is not in storage (e.g. garbage-collected)
     * @throws IOException         when the archive does not match the artifact's digest
     */
    public Path open(Artifact artifact) throws IOException {
        Path tree = treeOf(artifact);
        if (Files.isDirectory(tree)) {
            return tree;
        }
        Path tarball = tarball(artifact);
        if (!Files.isRegularFile(tarball)) {
            throw new NoSuchFileException(tarball.toString(), null, "artifact for revision '" + artifact.revision()
                    + "' is not in storage");
        }
        String actual = digestOf(tarball);
        if (!actual.equals(artifact.digest())) {
            throw new IOException("computed digest " + actual + " of " + tarball + " doesn't match '" + artifact.digest() + "'");
        }
        Path tmp = tree.resolveSibling(".tmp-" + UUID.randomUUID());
        TarExtractor.extract(tarball, tmp);
        try {
            moveAtomically(tmp, tree);
        } catch (FileAlreadyExistsException raced) {
            Storage.deleteTree(tmp);
        }
        return tree;
    }

    /**
     * {@link #open(Artifact)} for an artifact known by its source, revision and digest (what a
     * consumer reads from the source's status).
     */
    public Path open(ObjectKey source, String revision, String digest) throws IOException {
        String path = directory(source) + "/" + GitRevision.commitOf(revision) + ".tar.gz";
        return open(new Artifact(revision, digest, path, baseUrl + "/" + path, 0, ""));
    }

    /** The tar.gz of {@code artifact} (may be missing if it was garbage-collected). */
    public Path tarball(Artifact artifact) {
        return root.resolve(artifact.path());
    }

    /**
     * Keeps the newest {@code keep} archives of {@code source} (always including {@code current})
     * and the trees of the kept archives; deletes the rest and any leftover temporary files.
     */
    public void gc(ObjectKey source, Artifact current, int keep) {
        Path dir = root.resolve(directory(source));
        Path trees = root.resolve("trees").resolve(directory(source));
        try (Stream<Path> s = list(dir)) {
            List<Path> archives = s.filter(p -> p.getFileName().toString().endsWith(".tar.gz"))
                    .sorted(Comparator.comparing(ArtifactStore::modified).reversed()).toList();
            Path currentTar = tarball(current);
            List<Path> kept = Stream.concat(Stream.of(currentTar),
                    archives.stream().filter(p -> !p.equals(currentTar) && !isTemporary(p))).limit(keep).toList();
            for (Path p : archives) {
                if (!kept.contains(p)) {
                    Files.deleteIfExists(p);
                }
            }
            Set<String> keptTrees = kept.stream().filter(Files::isRegularFile)
                    .map(p -> p.equals(currentTar) ? current.digestHex() : hexOrEmpty(p)).collect(Collectors.toSet());
            try (Stream<Path> t = list(trees)) {
                // A recent temporary tree may belong to a concurrent open() unpacking an archive;
                // an old one was left by a process killed mid-write.
                Instant stale = clock.instant().minus(Duration.ofHours(1));
                t.filter(p -> isTemporary(p) ? modified(p).toInstant().isBefore(stale)
                                : !keptTrees.contains(p.getFileName().toString().replace(INDEX, "")))
                        .forEach(Storage::deleteTree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("garbage collection of " + dir + " failed", e);
        }
    }

    /** Removes every artifact of a deleted source. */
    public void deleteAll(ObjectKey source) {
        Storage.deleteTree(root.resolve(directory(source)));
        Storage.deleteTree(root.resolve("trees").resolve(directory(source)));
    }

    /** {@code gitrepository/<ns>/<name>}. */
    static String directory(ObjectKey source) {
        return source.groupKind().kind().toLowerCase(Locale.ROOT) + "/" + source.namespace() + "/" + source.name();
    }

    /**
     * The files that differ between two artifacts of one source (added, removed or with another
     * blob or mode), as paths relative to the artifact's root; empty when either index is missing
     * (an artifact written before indexes existed, or garbage-collected).
     */
    public java.util.Set<String> changedFiles(Artifact previous, Artifact current) {
        Map<String, String> before = readIndex(treeOf(previous));
        Map<String, String> after = readIndex(treeOf(current));
        if (before.isEmpty() || after.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        after.forEach((path, blob) -> {
            if (!blob.equals(before.get(path))) {
                out.add(path);
            }
        });
        before.keySet().stream().filter(path -> !after.containsKey(path)).forEach(out::add);
        return out;
    }

    /** The reuse index of a tree (see {@link ArtifactWriter#index()}), next to it; empty if missing. */
    private static Map<String, String> readIndex(Path tree) {
        try {
            return ArtifactWriter.parseIndex(Files.readString(indexOf(tree)));
        } catch (IOException missing) {
            return Map.of();
        }
    }

    private static Path indexOf(Path tree) {
        return tree.resolveSibling(tree.getFileName() + INDEX);
    }

    private Path treeOf(Artifact artifact) {
        Path parent = Path.of(artifact.path()).getParent();
        return root.resolve("trees").resolve(parent == null ? "" : parent.toString()).resolve(artifact.digestHex());
    }

    static String digestOf(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hexOrEmpty(Path tarball) {
        try {
            return hex(digestOf(tarball));
        } catch (IOException e) {
            return "";
        }
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static boolean isTemporary(Path p) {
        return p.getFileName().toString().startsWith(".tmp-");
    }

    private static Stream<Path> list(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
