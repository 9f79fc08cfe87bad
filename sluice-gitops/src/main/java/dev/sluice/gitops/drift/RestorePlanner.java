package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Finds the smallest change to the branch tip that makes Git build the promoted spec again, and
 * proves it with the kustomize engine before anything is committed:
 * <ol>
 *   <li><b>Revert</b>: when one non-merge commit turned the promoted spec into the failed one, its
 *       files are unchanged since, and every file it touched matters to this workload, the change is
 *       {@code git revert} of that commit.</li>
 *   <li><b>Restore</b>: otherwise the line hunks of the offending commits (last good → introducing)
 *       are undone one by one where their lines are unchanged at the tip; hunks that are not needed
 *       for the promoted spec (an unrelated file, an unrelated line) are dropped again. This
 *       restores values where they came from: a kustomize {@code images} entry, a strategic-merge or
 *       JSON6902 patch, env in a plain manifest, a configMapGenerator literal or env file.</li>
 * </ol>
 * A candidate is accepted only if the Kustomization's build of the patched tree covers the promoted
 * spec and changes nothing else: no other object of this Kustomization except the target and its
 * configs, and no object of any other Kustomization reading the same GitRepository. Not thread-safe.
 */
final class RestorePlanner {

    /** How many files a commit may touch for the per-file checks; more goes straight to hunks. */
    static final int MAX_REVERT_FILES = 20;
    /** How many hunks are tried one by one; more is refused as not a small change. */
    static final int MAX_HUNKS = 60;

    /** The outcome of planning. */
    sealed interface Plan {
    }

    /** A verified change: new content per path (null deletes). */
    record Change(RevertResult.Kind kind, Map<String, byte[]> files, List<String> undone) implements Plan {
    }

    record Impossible(String reason) implements Plan {
    }

    private final GitMirror mirror;
    private final SpecBuilds builds;
    private final List<KustomizationBuild> others;
    private final Subject subject;
    private final CommitInfo tip;
    private final KustomizationBuild.Built tipBuild;
    private final Map<KustomizationBuild, KustomizationBuild.Outcome> othersAtTip = new LinkedHashMap<>();
    private final PersonIdent scratchIdent = new PersonIdent("Sluice", "sluice@localhost");

    RestorePlanner(GitMirror mirror, SpecBuilds builds, List<KustomizationBuild> others, Subject subject,
                   CommitInfo tip, KustomizationBuild.Built tipBuild) throws IOException {
        this.mirror = mirror;
        this.builds = builds;
        this.others = others;
        this.subject = subject;
        this.tip = tip;
        this.tipBuild = tipBuild;
        builds.checkout(tip.sha());
        for (KustomizationBuild o : others) {
            othersAtTip.put(o, o.build(builds.dir()));
        }
    }

    Plan plan(HistoryWalk.Found found) throws IOException {
        if (found.singleCommit()) {
            Optional<Change> revert = revert(found.introducing());
            if (revert.isPresent()) {
                return revert.get();
            }
        }
        return restore(found);
    }

    private Optional<Change> revert(CommitInfo c) throws IOException {
        List<String> paths = mirror.changedPaths(c);
        if (paths.isEmpty() || paths.size() > MAX_REVERT_FILES) {
            return Optional.empty();
        }
        String parent = c.parents().get(0);
        Map<String, byte[]> files = new TreeMap<>();
        for (String p : paths) {
            Optional<byte[]> atTip = mirror.read(tip.sha(), p);
            Optional<byte[]> atC = mirror.read(c.sha(), p);
            if (!same(atTip, atC)) {
                return Optional.empty(); // changed since: not a clean revert, hunks may still work
            }
            files.put(p, mirror.read(parent, p).orElse(null));
        }
        Optional<KustomizationBuild.Built> full = buildWith(files).filter(this::givesPromoted);
        if (full.isEmpty() || collateral(files, full.get()).isPresent()) {
            return Optional.empty();
        }
        if (paths.size() > 1) {
            for (String p : paths) {
                Map<String, byte[]> without = new TreeMap<>(files);
                without.remove(p);
                if (buildWith(without).map(b -> sameObjects(b, full.get())).orElse(false)
                        && othersUnchanged(without)) {
                    return Optional.empty(); // p does not matter to this workload: a mixed commit
                }
            }
        }
        return Optional.of(new Change(RevertResult.Kind.REVERT, files, List.of(c.sha())));
    }

    private Plan restore(HistoryWalk.Found found) throws IOException {
        CommitInfo bad = found.introducing();
        Optional<String> base = found.lastGood().map(CommitInfo::sha)
                .or(() -> bad.parents().isEmpty() ? Optional.empty() : Optional.of(bad.parents().get(0)));
        if (base.isEmpty()) {
            return new Impossible("the failed spec has been in Git since its first commit " + bad.shortSha()
                    + "; there is nothing older to restore");
        }
        List<Hunks.Hunk> applicable = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (String p : mirror.changedPaths(base.get(), bad.sha())) {
            Optional<byte[]> b = mirror.read(base.get(), p);
            Optional<byte[]> x = mirror.read(bad.sha(), p);
            Optional<byte[]> t = mirror.read(tip.sha(), p);
            for (Hunks.Hunk h : Hunks.between(p, b, x)) {
                Hunks.Result r = Hunks.undo(t, x, b, List.of(h));
                if (r.applies()) {
                    applicable.add(h);
                } else {
                    conflicts.add(r.conflict());
                }
            }
        }
        if (applicable.size() > MAX_HUNKS) {
            return new Impossible("the offending commits changed " + applicable.size()
                    + " places; more than " + MAX_HUNKS + " is not a small change, revert by hand");
        }
        Optional<Map<String, byte[]>> all = files(applicable, base.get(), bad.sha());
        Optional<KustomizationBuild.Built> built = all.flatMap(this::buildWith);
        if (built.isEmpty() || !givesPromoted(built.get())) {
            String why = built.isEmpty() ? "the patched tree does not build"
                    : "undoing them does not give the promoted spec (" + remaining(built.get()) + ")";
            return new Impossible("undoing the changes of " + describe(found) + " that still apply: " + why
                    + (conflicts.isEmpty() ? "" : "; changed since: " + String.join(", ", conflicts)));
        }
        List<Hunks.Hunk> needed = new ArrayList<>(applicable);
        for (Hunks.Hunk h : applicable) {
            List<Hunks.Hunk> without = new ArrayList<>(needed);
            without.remove(h);
            if (!without.isEmpty() && files(without, base.get(), bad.sha()).flatMap(this::buildWith)
                    .filter(this::givesPromoted).isPresent()) {
                needed = without;
            }
        }
        Map<String, byte[]> files = files(needed, base.get(), bad.sha()).orElseThrow();
        KustomizationBuild.Built patched = buildWith(files).orElseThrow();
        Optional<String> collateral = collateral(files, patched);
        if (collateral.isPresent()) {
            return new Impossible("restoring the promoted values would also change " + collateral.get());
        }
        return new Change(RevertResult.Kind.RESTORE, files, found.range().stream().map(CommitInfo::sha).toList());
    }

    private Optional<Map<String, byte[]>> files(List<Hunks.Hunk> hunks, String base, String bad) throws IOException {
        Map<String, List<Hunks.Hunk>> byPath = new TreeMap<>();
        hunks.forEach(h -> byPath.computeIfAbsent(h.path(), k -> new ArrayList<>()).add(h));
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, List<Hunks.Hunk>> e : byPath.entrySet()) {
            String p = e.getKey();
            Hunks.Result r = Hunks.undo(mirror.read(tip.sha(), p), mirror.read(bad, p), mirror.read(base, p), e.getValue());
            if (!r.applies()) {
                return Optional.empty();
            }
            out.put(p, r.content().orElse(null));
        }
        return Optional.of(out);
    }

    /** The Kustomization built from the tip with {@code files} changed; empty when it does not build. */
    private Optional<KustomizationBuild.Built> buildWith(Map<String, byte[]> files) {
        try {
            String sha = mirror.writeCommit(tip.sha(), files, scratchIdent, "candidate");
            builds.checkout(sha);
            return builds.buildDir() instanceof KustomizationBuild.Built b ? Optional.of(b) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean givesPromoted(KustomizationBuild.Built b) {
        return builds.declared(b).map(d -> d.coveredBy(subject.promoted())).orElse(false);
    }

    private String remaining(KustomizationBuild.Built b) {
        return builds.declared(b).map(d -> {
            List<SpecDiff.Difference> diffs = SpecDiff.between(d, subject.promoted()).stream()
                    .filter(x -> x.git() != null).toList();
            return diffs.isEmpty() ? "the target differs" : diffs.get(0).field() + " would be " + diffs.get(0).git()
                    + ", promoted " + diffs.get(0).cluster();
        }).orElse("the target is missing from the build");
    }

    /** What else {@code files} would change, if anything. */
    private Optional<String> collateral(Map<String, byte[]> files, KustomizationBuild.Built patched) {
        Set<ObjectKey> allowed = new TreeSet<>();
        allowed.add(subject.targetKey());
        for (KustomizationBuild.Built b : List.of(tipBuild, patched)) {
            builds.declared(b).ifPresent(d -> d.configs().keySet().forEach(k -> allowed.add(configKey(k))));
        }
        Map<ObjectKey, KubeObject> before = byKey(tipBuild.objects());
        Map<ObjectKey, KubeObject> after = byKey(patched.objects());
        Set<ObjectKey> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (ObjectKey k : keys) {
            if (!allowed.contains(k) && !java.util.Objects.equals(before.get(k), after.get(k))) {
                return Optional.of(k + " in Kustomization " + subject.kustomization().namespace() + "/"
                        + subject.kustomization().name());
            }
        }
        return othersUnchanged(files) ? Optional.empty() : Optional.of(changedOther(files));
    }

    private boolean othersUnchanged(Map<String, byte[]> files) {
        return changedOther(files).isEmpty();
    }

    private String changedOther(Map<String, byte[]> files) {
        if (others.isEmpty()) {
            return "";
        }
        buildWith(files); // leaves the candidate tree in place for the other builds
        Path dir = builds.dir();
        for (KustomizationBuild o : others) {
            KustomizationBuild.Outcome now = o.build(dir);
            KustomizationBuild.Outcome was = othersAtTip.get(o);
            boolean same = now instanceof KustomizationBuild.Built a && was instanceof KustomizationBuild.Built b
                    ? byKey(a.objects()).equals(byKey(b.objects())) : now.equals(was);
            if (!same) {
                return "Kustomization " + o.kustomization().namespace() + "/" + o.kustomization().name()
                        + ", which reads the same files";
            }
        }
        return "";
    }

    private ObjectKey configKey(String key) {
        boolean secret = key.startsWith(ConfigRefs.SECRET + "/");
        return new ObjectKey(secret ? WorkloadSpec.SECRET : WorkloadSpec.CONFIG_MAP, subject.target().namespace(),
                key.substring(key.indexOf('/') + 1));
    }

    private static boolean sameObjects(KustomizationBuild.Built a, KustomizationBuild.Built b) {
        return byKey(a.objects()).equals(byKey(b.objects()));
    }

    private static Map<ObjectKey, KubeObject> byKey(List<KubeObject> objects) {
        Map<ObjectKey, KubeObject> m = new TreeMap<>();
        objects.forEach(o -> m.put(o.key(), o));
        return m;
    }

    private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || java.util.Arrays.equals(a.get(), b.get()));
    }

    private static String describe(HistoryWalk.Found f) {
        return f.range().size() == 1 ? "commit " + f.introducing().shortSha()
                : "commits " + String.join(", ", f.range().stream().map(CommitInfo::shortSha).toList());
    }
}
