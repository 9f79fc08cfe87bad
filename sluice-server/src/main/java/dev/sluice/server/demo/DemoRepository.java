package dev.sluice.server.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The demo's Git repository: a copy of {@code examples/faces} (shipped in the jar), committed with
 * JGit, then changed by real commits as the workshop changes it.
 */
final class DemoRepository implements AutoCloseable {

    static final String RESOURCE = "/dev/sluice/server/demo/faces";
    private static final PersonIdent AUTHOR = new PersonIdent("Sluice Demo", "demo@sluice.dev");

    private final Path dir;
    private final Git git;

    private DemoRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** Copies the Faces repository into {@code dir} and makes its first commit on {@code main}. */
    static DemoRepository create(Path dir) throws IOException {
        copyResources(dir);
        try {
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            DemoRepository repo = new DemoRepository(dir, git);
            repo.commit("Faces: the workshop repository");
            return repo;
        } catch (GitAPIException e) {
            throw new IOException("cannot create the demo repository: " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Commits everything; returns the new commit's sha. */
    String commit(String message) throws IOException {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit c = git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IOException("commit failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the work tree match the branch again after Sluice pushed a commit into this repository
     * (the push moves {@code main}, not the files); returns the new head.
     */
    String resetToHead() throws IOException {
        try {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("HEAD").call();
            return git.getRepository().resolve("HEAD").getName();
        } catch (GitAPIException e) {
            throw new IOException("reset failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sets an env var's value in one Deployment of a manifest file, changing only that line so the
     * commit's diff is what a person would write.
     */
    void setEnv(String file, String deployment, String name, String value) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String[] docs = text.split("(?m)^---\\s*$", -1);
        boolean done = false;
        for (int i = 0; i < docs.length && !done; i++) {
            if (docs[i].contains("kind: Deployment") && docs[i].matches("(?s).*\\n  name: " + deployment + "\\n.*")) {
                String replaced = docs[i].replaceFirst("(- name: " + name + "\\n\\s+value: )\"[^\"]*\"",
                        "$1\"" + java.util.regex.Matcher.quoteReplacement(value) + "\"");
                done = !replaced.equals(docs[i]);
                docs[i] = replaced;
            }
        }
        if (!done) {
            throw new IOException("no env " + name + " in Deployment " + deployment + " of " + file);
        }
        Files.writeString(p, String.join("---", docs), StandardCharsets.UTF_8);
    }

    private static void copyResources(Path dest) throws IOException {
        URL root = DemoRepository.class.getResource(RESOURCE);
        if (root == null) {
            throw new IOException("the demo repository is missing from the build (resource " + RESOURCE + ")");
        }
        URI uri;
        try {
            uri = root.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(fs.getPath(RESOURCE), dest);
            }
        } else {
            copyTree(Path.of(uri), dest);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
