package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.CanaryCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A failed canary whose Git source still declares the failed spec: where (source, branch,
 * Kustomization, path), which commit introduced it, what Git says and what the cluster runs.
 * Immutable; {@link #toJson()} is the stable shape documented in docs/git-rollback.md and
 * {@link #fromJson} reads it back.
 *
 * @param canaryNamespace the Canary's namespace
 * @param target          {@code Deployment/face}
 * @param failedRevision  the Kustomization's lastAppliedRevision ({@code main@sha1:<sha>})
 * @param source          where the files come from
 * @param kustomization   {@code <namespace>/<name>} of the Kustomization that applied the target
 * @param path            the Kustomization's {@code spec.path}
 * @param commit          the commit that introduced the failed spec
 * @param range           the commits between the last good one and {@code commit}, newest first
 * @param lastGood        the newest older commit that builds the promoted spec, if found
 * @param git             what Git declares (the failed spec): images, env, config checksums
 * @param cluster         what the cluster runs (the promoted spec), same shape
 */
public record DriftReport(String canaryNamespace, String canaryName, String target, String failedRevision,
                          Source source, String kustomization, String path, CommitInfo commit,
                          List<CommitInfo> range, Optional<CommitInfo> lastGood, Facets git, Facets cluster,
                          List<SpecDiff.Difference> differences, Verdict verdict, Instant detectedAt) {

    /** The condition type set on a Canary while its Git source declares the failed spec. */
    public static final String CONDITION = "GitDrift";
    public static final String REASON = "FailedSpecInGit";
    /** The version of the JSON shape; bumped on an incompatible change. */
    public static final int SCHEMA = 1;

    public DriftReport {
        range = List.copyOf(range);
        differences = List.copyOf(differences);
    }

    /** The GitRepository. */
    public record Source(String namespace, String name, String url, String branch) {
        public String ref() {
            return "GitRepository/" + namespace + "/" + name;
        }
    }

    /** The parts of a spec people look at: images and env by container, config checksums by key. */
    public record Facets(Map<String, String> images, Map<String, Map<String, String>> env, Map<String, String> configs) {

        public static Facets of(WorkloadSpec s) {
            return new Facets(s.images(), s.env(), s.checksums());
        }

        ObjectNode toJson() {
            ObjectNode n = Json.object();
            n.set("images", Json.toTree(images));
            n.set("env", Json.toTree(env));
            n.set("configs", Json.toTree(configs));
            return n;
        }

        @SuppressWarnings("unchecked")
        static Facets fromJson(JsonNode n) {
            var m = Json.mapper();
            return new Facets(m.convertValue(n.path("images"), Map.class), m.convertValue(n.path("env"), Map.class),
                    m.convertValue(n.path("configs"), Map.class));
        }
    }

    /** {@code <ns>/<name>} of the Canary. */
    public String canaryRef() {
        return canaryNamespace + "/" + canaryName;
    }

    /** The GitDrift condition in Flagger's shape (status True). */
    public CanaryCondition condition(Instant now) {
        return new CanaryCondition(CONDITION, "True", now.toString(), now.toString(), REASON, message());
    }

    /**
     * One readable sentence: {@code Git declares the failed spec: commit 1a2b3c4 "face 1.1.0" by
     * Alice in GitRepository/flux-system/faces (main), path ./apps; the cluster runs the promoted
     * spec (spec.containers[face].image: 1.1.0 in Git, 1.0.0 running)}.
     */
    public String message() {
        StringBuilder b = new StringBuilder("Git declares the failed spec: commit ").append(commit.shortSha())
                .append(" \"").append(commit.subject()).append("\" by ").append(commit.author()).append(" in ")
                .append(source.ref()).append(" (").append(source.branch()).append("), path ").append(path)
                .append("; the cluster runs the promoted spec");
        if (!differences.isEmpty()) {
            b.append(" (");
            int shown = Math.min(3, differences.size());
            for (int i = 0; i < shown; i++) {
                SpecDiff.Difference d = differences.get(i);
                b.append(i > 0 ? "; " : "").append(d.field()).append(": ").append(show(d.git())).append(" in Git, ")
                        .append(show(d.cluster())).append(" running");
            }
            if (differences.size() > shown) {
                b.append("; ").append(differences.size() - shown).append(" more");
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String show(String v) {
        return v == null ? "(none)" : v;
    }

    /** The full report (docs/git-rollback.md, "Report"). */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("schema", SCHEMA);
        n.putObject("canary").put("namespace", canaryNamespace).put("name", canaryName);
        n.put("target", target).put("failedRevision", failedRevision);
        n.putObject("source").put("kind", "GitRepository").put("namespace", source.namespace())
                .put("name", source.name()).put("url", source.url()).put("branch", source.branch());
        n.put("kustomization", kustomization).put("path", path);
        n.set("commit", commit.toJson());
        ArrayNode commits = n.putArray("commits");
        range.forEach(c -> commits.add(c.toJson()));
        n.set("lastGoodCommit", lastGood.<JsonNode>map(CommitInfo::toJson).orElse(Json.nodes().nullNode()));
        n.set("git", git.toJson());
        n.set("cluster", cluster.toJson());
        n.set("differences", differencesJson(differences));
        n.set("verdict", verdict.toJson());
        n.put("detectedAt", detectedAt.toString());
        return n;
    }

    static ArrayNode differencesJson(List<SpecDiff.Difference> diffs) {
        ArrayNode a = Json.nodes().arrayNode();
        for (SpecDiff.Difference d : diffs) {
            // A side without the field is left out (not null): status schemas do not allow nulls.
            ObjectNode x = a.addObject().put("field", d.field());
            if (d.git() != null) {
                x.put("git", d.git());
            }
            if (d.cluster() != null) {
                x.put("cluster", d.cluster());
            }
        }
        return a;
    }

    static List<SpecDiff.Difference> differencesFrom(JsonNode a) {
        List<SpecDiff.Difference> out = new ArrayList<>();
        for (JsonNode d : a) {
            out.add(new SpecDiff.Difference(d.path("field").asText(), text(d.path("git")), text(d.path("cluster"))));
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** Reads {@link #toJson()}'s shape. */
    public static DriftReport fromJson(JsonNode n) {
        JsonNode s = n.path("source");
        List<CommitInfo> range = new ArrayList<>();
        n.path("commits").forEach(c -> range.add(commit(c)));
        JsonNode good = n.path("lastGoodCommit");
        return new DriftReport(n.path("canary").path("namespace").asText(), n.path("canary").path("name").asText(),
                n.path("target").asText(), n.path("failedRevision").asText(),
                new Source(s.path("namespace").asText(), s.path("name").asText(), s.path("url").asText(), s.path("branch").asText()),
                n.path("kustomization").asText(), n.path("path").asText(), commit(n.path("commit")), range,
                good.isObject() ? Optional.of(commit(good)) : Optional.empty(), Facets.fromJson(n.path("git")),
                Facets.fromJson(n.path("cluster")), differencesFrom(n.path("differences")), Verdict.fromJson(n.path("verdict")),
                Instant.parse(n.path("detectedAt").asText()));
    }

    private static CommitInfo commit(JsonNode c) {
        return new CommitInfo(c.path("sha").asText(), "", List.of(), c.path("author").asText(), c.path("email").asText(),
                Instant.parse(c.path("time").asText()), c.path("message").asText());
    }
}
