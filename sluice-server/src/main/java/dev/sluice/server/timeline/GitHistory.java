package dev.sluice.server.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import dev.sluice.server.timeline.Timeline.Commit;
import dev.sluice.server.timeline.Timeline.Entry;
import dev.sluice.server.timeline.Timeline.Level;
import dev.sluice.server.timeline.Timeline.Stage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Git revisions a Kustomization went through, from what is stored: the source's NewArtifact
 * events (revision and commit subject), its {@code status.artifact}, the Kustomization's events
 * (annotated with the revision they applied) and its {@code status.lastAppliedRevision}. Pure.
 */
final class GitHistory {

    static final String SOURCE_REVISION = "source.toolkit.fluxcd.io/revision";
    static final String KUSTOMIZE_REVISION = "kustomize.toolkit.fluxcd.io/revision";

    private static final Pattern STORED_COMMIT = Pattern.compile("stored artifact for commit '(.*)'", Pattern.DOTALL);
    private static final Pattern SHA = Pattern.compile("(?:sha1:|/|^)([0-9a-f]{40}|[0-9a-f]{64})$");

    /**
     * One revision.
     *
     * @param anchor when it reached the cluster: its first apply, else its artifact, else null
     */
    record Revision(String revision, Commit commit, Instant anchor, List<Entry> entries) {
    }

    private GitHistory() {
    }

    /** The revisions, ordered by anchor (those without one first). */
    static List<Revision> of(KubeObject source, List<EventRecord> sourceEvents, KubeObject kustomization,
                             List<EventRecord> kustomizationEvents) {
        Map<String, Builder> byRevision = new LinkedHashMap<>();
        for (EventRecord e : sorted(sourceEvents)) {
            String rev = revisionOf(e, SOURCE_REVISION);
            if (rev.isEmpty()) {
                continue;
            }
            Builder b = byRevision.computeIfAbsent(rev, Builder::new);
            Matcher m = STORED_COMMIT.matcher(e.message());
            if (e.reason().equals("NewArtifact") && m.matches()) {
                b.message = m.group(1);
                b.artifactAt = earliest(b.artifactAt, e.firstTimestamp());
                b.entries.add(new Entry(e.firstTimestamp(), Stage.COMMIT, Level.INFO, "commit " + shortSha(rev),
                        m.group(1), null));
                b.entries.add(new Entry(e.firstTimestamp(), Stage.ARTIFACT, Level.INFO, "artifact stored",
                        "revision " + rev + artifactDetail(source, rev), null));
            } else {
                b.entries.add(new Entry(e.firstTimestamp(), Stage.ARTIFACT, level(e), e.reason(), e.message(), null));
            }
        }
        JsonNode artifact = source == null ? null : source.status().path("artifact");
        if (artifact != null && !artifact.path("revision").asText("").isEmpty()) {
            String rev = artifact.path("revision").asText();
            Builder b = byRevision.computeIfAbsent(rev, Builder::new);
            if (b.artifactAt == null) {
                Instant at = time(artifact.path("lastUpdateTime").asText(""));
                b.artifactAt = at;
                b.entries.add(new Entry(at, Stage.ARTIFACT, Level.INFO, "artifact stored",
                        "revision " + rev + artifactDetail(source, rev), null));
            }
        }
        for (EventRecord e : sorted(kustomizationEvents)) {
            String rev = revisionOf(e, KUSTOMIZE_REVISION);
            if (rev.isEmpty()) {
                continue;
            }
            Builder b = byRevision.computeIfAbsent(rev, Builder::new);
            b.appliedAt = earliest(b.appliedAt, e.firstTimestamp());
            String detail = e.message() + (e.count() > 1 ? " (" + e.count() + " times, last at " + e.lastTimestamp() + ")" : "");
            b.entries.add(new Entry(e.firstTimestamp(), Stage.APPLY, level(e), e.reason(), detail, null));
        }
        if (kustomization != null) {
            String rev = kustomization.status().path("lastAppliedRevision").asText("");
            if (!rev.isEmpty() && (!byRevision.containsKey(rev) || byRevision.get(rev).appliedAt == null)) {
                Builder b = byRevision.computeIfAbsent(rev, Builder::new);
                b.appliedAt = readySince(kustomization);
                b.entries.add(new Entry(b.appliedAt, Stage.APPLY, Level.INFO, "applied",
                        "status.lastAppliedRevision of Kustomization " + kustomization.namespace() + "/"
                                + kustomization.name() + " (no apply events stored)", null));
            }
        }
        List<Revision> out = new ArrayList<>();
        for (Builder b : byRevision.values()) {
            Instant anchor = b.appliedAt != null ? b.appliedAt : b.artifactAt;
            out.add(new Revision(b.revision, new Commit(sha(b.revision), b.message, null), anchor, b.entries));
        }
        out.sort(Comparator.comparing(Revision::anchor, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    private static final class Builder {
        final String revision;
        final List<Entry> entries = new ArrayList<>();
        String message;
        Instant artifactAt;
        Instant appliedAt;

        Builder(String revision) {
            this.revision = revision;
        }
    }

    /** The commit id in a Flux revision ({@code main@sha1:<sha>}, {@code sha1:<sha>}, v1beta2 {@code main/<sha>}). */
    static String sha(String revision) {
        Matcher m = SHA.matcher(revision);
        return m.find() ? m.group(1) : "";
    }

    static String shortSha(String revision) {
        String sha = sha(revision);
        return sha.isEmpty() ? revision : sha.substring(0, 8);
    }

    private static String revisionOf(EventRecord e, String key) {
        String v = e.annotations().get(key);
        if (v == null) {
            v = e.annotations().getOrDefault("revision", "");
        }
        return v;
    }

    private static String artifactDetail(KubeObject source, String rev) {
        if (source == null) {
            return "";
        }
        JsonNode a = source.status().path("artifact");
        if (!a.path("revision").asText("").equals(rev)) {
            return "";
        }
        String digest = a.path("digest").asText("");
        return digest.isEmpty() ? "" : ", digest " + digest;
    }

    private static Instant readySince(KubeObject o) {
        for (JsonNode c : o.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return time(c.path("lastTransitionTime").asText(""));
            }
        }
        return null;
    }

    static Instant time(String rfc3339) {
        if (rfc3339.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    private static Level level(EventRecord e) {
        return e.isWarning() ? Level.WARNING : Level.INFO;
    }

    static List<EventRecord> sorted(List<EventRecord> events) {
        List<EventRecord> out = new ArrayList<>(events);
        out.sort(Comparator.comparing(EventRecord::firstTimestamp));
        return out;
    }
}
