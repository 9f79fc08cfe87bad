package dev.sluice.gitops.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.source.GitRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The status a GitRepository gets after a reconcile, as source-controller writes it. Pure: each
 * method maps the previous status and the outcome to the next status, keeping transition times of
 * conditions whose status did not change, so an unchanged outcome gives an equal status (and the
 * reconciler can skip the write).
 */
public final class GitRepositoryStatus {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String ARTIFACT_IN_STORAGE = "ArtifactInStorage";
    public static final String ARTIFACT_OUTDATED = "ArtifactOutdated";
    public static final String FETCH_FAILED = "FetchFailed";
    public static final String INCLUDE_UNAVAILABLE = "IncludeUnavailable";
    public static final String SUCCEEDED = "Succeeded";
    public static final String PROGRESSING_WITH_RETRY = "ProgressingWithRetry";
    public static final String NEW_REVISION = "NewRevision";
    public static final String INVALID_SPEC = "InvalidSpec";

    private GitRepositoryStatus() {
    }

    /** An artifact for the wanted revision is in storage. */
    public static ObjectNode succeeded(JsonNode old, GitRepository repo, Artifact artifact, Optional<String> handledAt,
                                       Instant now) {
        return succeeded(old, repo, artifact, List.of(), handledAt, now);
    }

    /** An artifact for the wanted revision, with {@code included} artifacts copied in, is in storage. */
    public static ObjectNode succeeded(JsonNode old, GitRepository repo, Artifact artifact, List<Artifact> included,
                                       Optional<String> handledAt, Instant now) {
        String message = "stored artifact for revision '" + artifact.revision() + "'";
        long gen = repo.generation();
        List<Condition> c = Conditions.of(old);
        c = Conditions.set(c, cond(READY, Condition.TRUE, SUCCEEDED, message, now, gen));
        c = Conditions.set(c, cond(ARTIFACT_IN_STORAGE, Condition.TRUE, SUCCEEDED, message, now, gen));
        for (String gone : List.of(RECONCILING, STALLED, FETCH_FAILED, INCLUDE_UNAVAILABLE, ARTIFACT_OUTDATED)) {
            c = Conditions.remove(c, gone);
        }
        ObjectNode s = base(old, repo, handledAt, c);
        s.set("artifact", artifact.toNode());
        if (!included.isEmpty()) {
            var list = s.putArray("includedArtifacts");
            included.forEach(a -> list.add(a.toNode()));
        }
        return s;
    }

    /**
     * Fetching or storing failed; a stored artifact stays (consumers keep using it).
     *
     * @param newRevision the revision found upstream but not stored, or empty
     */
    public static ObjectNode failed(JsonNode old, GitRepository repo, GitSourceException error,
                                    Optional<String> newRevision, Optional<String> handledAt, Instant now) {
        long gen = repo.generation();
        String message = error.getMessage();
        List<Condition> c = Conditions.of(old);
        c = Conditions.set(c, cond(READY, Condition.FALSE, error.reason(), message, now, gen));
        c = Conditions.set(c, cond(RECONCILING, Condition.TRUE, PROGRESSING_WITH_RETRY, message, now, gen));
        if (error.reason().equals(GitSourceException.STORAGE_OPERATION_FAILED)) {
            c = Conditions.remove(c, FETCH_FAILED);
        } else if (error.reason().equals(GitSourceException.INCLUDE_UNAVAILABLE)) {
            c = Conditions.set(c, cond(INCLUDE_UNAVAILABLE, Condition.TRUE, error.reason(), message, now, gen));
        } else {
            c = Conditions.set(c, cond(FETCH_FAILED, Condition.TRUE, error.reason(), message, now, gen));
        }
        if (newRevision.isPresent()) {
            c = Conditions.set(c, cond(ARTIFACT_OUTDATED, Condition.TRUE, NEW_REVISION,
                    "new upstream revision '" + newRevision.get() + "'", now, gen));
        }
        c = Conditions.remove(c, STALLED);
        ObjectNode s = base(old, repo, handledAt, c);
        for (String kept : List.of("artifact", "includedArtifacts")) {
            if (old.has(kept)) {
                s.set(kept, old.get(kept).deepCopy());
            }
        }
        return s;
    }

    /** The spec cannot work as written; nothing is retried until it changes. */
    public static ObjectNode stalled(JsonNode old, long generation, String message, Optional<String> handledAt, Instant now) {
        List<Condition> c = Conditions.of(old);
        c = Conditions.set(c, cond(READY, Condition.FALSE, INVALID_SPEC, message, now, generation));
        c = Conditions.set(c, cond(STALLED, Condition.TRUE, INVALID_SPEC, message, now, generation));
        c = Conditions.remove(c, RECONCILING);
        ObjectNode s = old.isObject() ? ((ObjectNode) old).deepCopy() : Json.object();
        s.put("observedGeneration", generation);
        s.set("conditions", Conditions.toArray(order(c)));
        handledAt.ifPresent(h -> s.put("lastHandledReconcileAt", h));
        return s;
    }

    /** Whether the stored artifact was built with the ignore and include settings and these included artifacts. */
    public static boolean sameSettings(JsonNode old, GitRepository repo, List<Artifact> included) {
        List<String> before = new java.util.ArrayList<>();
        old.path("includedArtifacts").forEach(a -> before.add(a.path("digest").asText()));
        return sameSettings(old, repo) && before.equals(included.stream().map(Artifact::digest).toList())
                && old.path("observedInclude").equals(observedInclude(repo));
    }

    /** Whether the stored artifact was built with the ignore settings of {@code repo}. */
    public static boolean sameSettings(JsonNode old, GitRepository repo) {
        String ignore = repo.spec().ignore().orElse(null);
        JsonNode observed = old.get("observedIgnore");
        boolean sameIgnore = ignore == null ? observed == null : observed != null && ignore.equals(observed.asText());
        List<String> sparse = repo.spec().sparseCheckout();
        List<String> observedSparse = new java.util.ArrayList<>();
        old.path("observedSparseCheckout").forEach(n -> observedSparse.add(n.asText()));
        return sameIgnore && sparse.equals(observedSparse);
    }

    private static ObjectNode base(JsonNode old, GitRepository repo, Optional<String> handledAt, List<Condition> c) {
        ObjectNode s = Json.object();
        s.put("observedGeneration", repo.generation());
        s.set("conditions", Conditions.toArray(order(c)));
        repo.spec().ignore().ifPresent(i -> s.put("observedIgnore", i));
        if (!repo.spec().sparseCheckout().isEmpty()) {
            s.set("observedSparseCheckout", Json.mapper().valueToTree(repo.spec().sparseCheckout()));
        }
        if (!repo.spec().include().isEmpty()) {
            s.set("observedInclude", observedInclude(repo));
        }
        handledAt.or(() -> Optional.ofNullable(old.get("lastHandledReconcileAt")).map(JsonNode::asText))
                .ifPresent(h -> s.put("lastHandledReconcileAt", h));
        return s;
    }

    /** {@code spec.include} as Flux echoes it in {@code status.observedInclude}; missing when there is none. */
    private static JsonNode observedInclude(GitRepository repo) {
        if (repo.spec().include().isEmpty()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        var list = Json.nodes().arrayNode();
        repo.spec().include().forEach(i -> {
            ObjectNode n = list.addObject();
            n.putObject("repository").put("name", i.repository());
            n.put("fromPath", i.fromPath()).put("toPath", i.toPath());
        });
        return list;
    }

    /** Ready first, as Flux lists it; the rest keep their order. */
    private static List<Condition> order(List<Condition> c) {
        return java.util.stream.Stream.concat(c.stream().filter(x -> x.type().equals(READY)),
                c.stream().filter(x -> !x.type().equals(READY))).toList();
    }

    private static Condition cond(String type, String status, String reason, String message, Instant now, long gen) {
        return new Condition(type, status, reason, message, now.truncatedTo(ChronoUnit.SECONDS).toString(), gen);
    }
}
