package dev.sluice.server.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.server.observe.TickStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Gathers a Canary's {@link TimelineInputs} through the {@link Cluster} port and the
 * {@link TickStore}, then builds its {@link Timeline}. Thread-safe (it holds no state of its own).
 */
public final class TimelineSource {

    public static final GroupKind CANARY = GroupKind.of(ResourceTypes.FLAGGER, "Canary");
    public static final GroupKind KUSTOMIZATION = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");

    private final Cluster cluster;
    private final TickStore ticks;
    private final Clock clock;

    public TimelineSource(Cluster cluster, TickStore ticks, Clock clock) {
        this.cluster = cluster;
        this.ticks = ticks;
        this.clock = clock;
    }

    /** The Canary's timeline, or empty when there is no such Canary. */
    public Optional<Timeline> timeline(String namespace, String name) {
        return inputs(namespace, name).map(in -> TimelineBuilder.build(in, clock.instant()));
    }

    public Optional<TimelineInputs> inputs(String namespace, String name) {
        ObjectKey key = new ObjectKey(CANARY, namespace, name);
        Optional<KubeObject> canary = cluster.get(key);
        if (canary.isEmpty()) {
            return Optional.empty();
        }
        KubeObject ks = owningKustomization(canary.get()).orElse(null);
        KubeObject source = ks == null ? null : source(ks).orElse(null);
        return Optional.of(new TimelineInputs(canary.get(), ks, source, events(canary.get()), events(ks), events(source),
                ticks.ticks(key)));
    }

    /** The Kustomization whose inventory holds the Canary's target, else the one holding the Canary. */
    public Optional<KubeObject> owningKustomization(KubeObject canary) {
        JsonNode t = canary.spec().path("targetRef");
        GroupKind targetKind = GroupKind.fromApiVersion(t.path("apiVersion").asText("apps/v1"), t.path("kind").asText("Deployment"));
        String targetId = new ObjectKey(targetKind, canary.namespace(), t.path("name").asText("")).inventoryId();
        String canaryId = canary.key().inventoryId();
        List<KubeObject> all = cluster.list(KUSTOMIZATION, "", LabelSelector.everything());
        Optional<KubeObject> byTarget = all.stream().filter(k -> holds(k, targetId)).findFirst();
        return byTarget.isPresent() ? byTarget : all.stream().filter(k -> holds(k, canaryId)).findFirst();
    }

    private Optional<KubeObject> source(KubeObject ks) {
        JsonNode ref = ks.spec().path("sourceRef");
        String ns = ref.path("namespace").asText(ks.namespace());
        GroupKind kind = GroupKind.of(ResourceTypes.SOURCE, ref.path("kind").asText("GitRepository"));
        return cluster.get(new ObjectKey(kind, ns.isEmpty() ? ks.namespace() : ns, ref.path("name").asText("")));
    }

    private static boolean holds(KubeObject ks, String inventoryId) {
        for (JsonNode e : ks.status().path("inventory").path("entries")) {
            if (e.path("id").asText().equals(inventoryId)) {
                return true;
            }
        }
        return false;
    }

    private List<EventRecord> events(KubeObject o) {
        return o == null ? List.of() : cluster.events(o.key());
    }
}
