package dev.sluice.gitops.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * {@link GitClient} on JGit: {@code ls-remote} through {@code LsRemoteCommand}, shallow incremental
 * fetches into one bare cache repository per source, HTTP(S) with basic or bearer authentication
 * and an extra CA, SSH through JGit's Apache MINA sshd transport. Thread-safe.
 */
public final class JGitClient implements GitClient {

    /** Where HEAD's tip is kept in a cache when a commit is fetched from the default branch. */
    private static final String CACHED_HEAD = "refs/sluice/HEAD";

    @Override
    public RemoteRefs lsRemote(String url, GitAuth auth, Duration timeout) throws GitSourceException {
        try (TransportSetup setup = TransportSetup.of(auth)) {
            Collection<Ref> refs = Deadline.within(timeout, "git-ls-remote",
                    () -> setup.apply(Git.lsRemoteRepository().setRemote(url), timeout).call());
            Map<String, String> out = new HashMap<>();
            String head = "";
            for (Ref r : refs) {
                ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
                if (id != null) {
                    out.put(r.getName(), id.getName());
                }
                if (r.getName().equals("HEAD") && r.isSymbolic()) {
                    head = r.getTarget().getName();
                }
            }
            return new RemoteRefs(out, head);
        } catch (Exception e) {
            throw classify("unable to list remote refs of '" + redact(url) + "'", url, e);
        }
    }

    @Override
    public FetchedCommit fetch(String url, GitAuth auth, Duration timeout, Path cacheDir, String ref, boolean shallow,
                               String expected) throws GitSourceException {
        String local = ref.equals("HEAD") ? CACHED_HEAD : ref;
        try (Repository repo = openCache(cacheDir, shallow); Git git = new Git(repo);
             TransportSetup setup = TransportSetup.of(auth)) {
            var fetch = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+" + ref + ":" + local))
                    .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(false);
            if (shallow) {
                fetch.setDepth(1);
            }
            Deadline.within(timeout, "git-fetch", () -> setup.apply(fetch, timeout).call());
            ObjectId target = expected.isEmpty() ? repo.resolve(local + "^{commit}") : repo.resolve(expected + "^{commit}");
            if (target == null) {
                throw new GitSourceException(GitSourceException.GIT_OPERATION_FAILED, expected.isEmpty()
                        ? "unable to resolve '" + ref + "' after fetching it from '" + redact(url) + "'"
                        : "unable to resolve commit object for '" + expected + "': object not found in '" + ref + "'");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit c = walk.parseCommit(target);
                return new FetchedCommit(c.getName(), c.getShortMessage());
            }
        } catch (GitSourceException e) {
            throw e;
        } catch (Exception e) {
            throw classify("unable to fetch '" + ref + "' from '" + redact(url) + "'", url, e);
        }
    }

    @Override
    public java.util.Optional<FetchedCommit> cached(Path cacheDir, String id) {
        if (!Files.isDirectory(cacheDir.resolve("objects")) || !id.matches("[0-9a-f]{40}")) {
            return java.util.Optional.empty();
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(cacheDir.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            ObjectId oid = ObjectId.fromString(id);
            if (!repo.getObjectDatabase().has(oid)) {
                return java.util.Optional.empty();
            }
            RevCommit c = walk.parseCommit(oid);
            walk.parseBody(c);
            return repo.getObjectDatabase().has(c.getTree()) ? java.util.Optional.of(new FetchedCommit(c.getName(),
                    c.getShortMessage())) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The bare cache; a shallow cache is started again when a full history is needed. Lock files
     * left by a process killed mid-fetch are removed first: calls for one cache never overlap, so
     * any lock found here is stale and would otherwise fail every later fetch.
     */
    private static Repository openCache(Path dir, boolean shallow) throws Exception {
        removeStaleLocks(dir);
        if (Files.isDirectory(dir.resolve("objects"))) {
            if (shallow || !Files.exists(dir.resolve("shallow"))) {
                try {
                    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
                } catch (IOException corrupt) {
                    // fall through: start the cache again
                }
            }
            Storage.deleteTree(dir);
        }
        Files.createDirectories(dir.getParent());
        return Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call().getRepository();
    }

    private static void removeStaleLocks(Path dir) throws IOException {
        for (String f : List.of("shallow.lock", "packed-refs.lock", "config.lock", "HEAD.lock", "FETCH_HEAD.lock")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        if (Files.isDirectory(dir.resolve("refs"))) {
            try (var s = Files.walk(dir.resolve("refs"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The URL with any password in it masked, for messages that end up in status and events. */
    static String redact(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/@]*@", "$1:***@");
    }

    /**
     * A server sending garbage gets its bytes quoted by JGit ("expected pkt-line ..., got '...'"); control
     * characters (terminal escapes among them) must not reach conditions and events.
     */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
        return b.toString();
    }

    /**
     * Maps a JGit failure to Flux's reasons with a readable message: the top message (without the
     * URL, which {@code what} names) plus the root cause when it adds something.
     */
    public static GitSourceException classify(String what, String url, Exception e) {
        List<String> chain = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                // Without the URL, which "what" names already, and never with a password.
                chain.add(t.getMessage().strip().replaceFirst("^" + Pattern.quote(url) + ":\\s*", "")
                        .replace(url, redact(url)));
            }
        }
        String all = String.join(" | ", chain).toLowerCase(Locale.ROOT);
        if (all.contains("accept this key") || all.contains("yesnotype")) {
            // JGit asks whether to accept an unknown or changed host key; with a Secret there is no one to ask.
            return new GitSourceException(GitSourceException.GIT_OPERATION_FAILED, what
                    + ": host key verification failed: the server's key is not in known_hosts or does not match it", e);
        }
        String top = chain.isEmpty() ? e.getClass().getSimpleName() : chain.get(0);
        String root = chain.isEmpty() ? "" : chain.get(chain.size() - 1);
        String message = printable((root.isEmpty() || top.contains(root) ? top : top + ": " + root)
                .replaceAll("\\s*\\n\\s*", "; "));
        boolean auth = all.contains("not authorized") || all.contains("authentication") || all.contains("auth fail")
                || all.contains("cannot log in") || all.contains("not permitted") || all.contains("permission denied")
                || all.contains(" 401") || all.contains(" 403");
        return new GitSourceException(auth ? GitSourceException.AUTHENTICATION_FAILED : GitSourceException.GIT_OPERATION_FAILED,
                what + ": " + message, e);
    }

    static <C extends TransportCommand<C, ?>> C withTimeout(C cmd, Duration timeout) {
        return cmd.setTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
    }
}
