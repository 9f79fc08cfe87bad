package dev.sluice.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Reopens the state directory the child left behind (after a normal stop) and compares it with what
 * Git holds and what an uninterrupted run leaves: every object of the last release present with its
 * content, each canary in its expected phase, each primary running what it must (the last release
 * for promoted canaries, the first for rolled-back ones), the canary Deployments scaled to zero, the
 * generated Services present, and never more than one "Promotion completed!" per promoted release
 * (fewer are counted as lost events).
 */
final class StoreCheck {

    record Result(int objects, int events, List<String> problems, int promotionEvents, int rollbackEvents, int lostPromotionEvents) {
    }

    private StoreCheck() {
    }

    static Result verify(Path storeDir, CrashFleet fleet, int lastRevision) {
        List<String> problems = new ArrayList<>();
        int promotions = 0;
        int rollbacks = 0;
        int lost = 0;
        try (EmbeddedCluster store = EmbeddedCluster.builder().clock(Clock.systemUTC()).random(new Random(1))
                .resourceTypes(ResourceTypes.builtIn()).stateDirectory(storeDir).build()) {
            int objects = 0;
            for (var kind : List.of("Deployment", "Service", "Namespace")) {
                objects += store.list(new dev.sluice.api.GroupKind(kind.equals("Deployment") ? "apps" : "", kind), "",
                        dev.sluice.api.LabelSelector.everything()).size();
            }
            need(store, problems, "", "Namespace", "", CrashFleet.NS);
            need(store, problems, "apps", "Deployment", "flagger-system", "flagger-loadtester");
            need(store, problems, "", "Service", "flagger-system", "flagger-loadtester");
            for (CrashFleet.Rollout r : fleet.rollouts()) {
                String n = r.name();
                Optional<KubeObject> target = need(store, problems, "apps", "Deployment", CrashFleet.NS, n);
                Optional<KubeObject> primary = need(store, problems, "apps", "Deployment", CrashFleet.NS, n + "-primary");
                Optional<KubeObject> canary = need(store, problems, "flagger.app", "Canary", CrashFleet.NS, n);
                for (String svc : List.of(n, n + "-primary", n + "-canary")) {
                    need(store, problems, "", "Service", CrashFleet.NS, svc);
                }
                target.ifPresent(d -> {
                    if (!image(d).endsWith("." + lastRevision)) {
                        problems.add(n + ": the Deployment from Git runs " + image(d) + ", not release " + lastRevision);
                    }
                    if (d.spec().path("replicas").asInt(-1) != 0) {
                        problems.add(n + ": the canary Deployment is not scaled to zero: " + d.spec().path("replicas"));
                    }
                });
                int expectedPrimary = r.mustPromote() ? lastRevision : 1;
                primary.ifPresent(d -> {
                    if (!image(d).endsWith("." + expectedPrimary)) {
                        problems.add(n + ": the primary runs " + image(d) + ", expected release " + expectedPrimary);
                    }
                    if (d.toNode().toString().contains("\"ERROR_FRACTION\",\"value\":\"100\"")) {
                        problems.add(n + ": the primary runs the failing release");
                    }
                });
                canary.ifPresent(c -> {
                    if (!c.status().path("phase").asText().equals(r.expectedPhase())) {
                        problems.add(n + ": phase " + c.status().path("phase").asText() + ", expected " + r.expectedPhase());
                    }
                });
                ObjectKey key = ObjectKey.of("flagger.app", "Canary", CrashFleet.NS, n);
                int promoted = 0;
                int rolledBack = 0;
                for (EventRecord e : store.events(key)) {
                    if (e.message().startsWith("Promotion completed!")) {
                        promoted += e.count();
                    }
                    if (e.message().startsWith("Rolling back ")) {
                        rolledBack += e.count();
                    }
                }
                promotions += promoted;
                rollbacks += rolledBack;
                int releases = lastRevision - 1;
                if (r.mustPromote() && promoted > releases) {
                    problems.add(n + ": promoted twice: " + promoted + " 'Promotion completed!' events for " + releases + " releases");
                }
                if (r.mustPromote() && promoted < releases) {
                    // The event is recorded after the status that says Succeeded: a kill between the two
                    // loses the event (as on Kubernetes, events are best-effort); the phase is checked apart.
                    lost += releases - promoted;
                }
                if (!r.mustPromote() && (promoted != 0 || rolledBack == 0)) {
                    problems.add(n + ": " + promoted + " promotions and " + rolledBack + " rollback events; expected 0 and some");
                }
            }
            return new Result(objects, store.events(null).size(), problems, promotions, rollbacks, lost);
        }
    }

    private static Optional<KubeObject> need(EmbeddedCluster store, List<String> problems, String group, String kind,
                                             String ns, String name) {
        Optional<KubeObject> o = store.get(ObjectKey.of(group, kind, ns, name));
        if (o.isEmpty()) {
            problems.add("lost: " + kind + " " + ns + "/" + name);
        }
        return o;
    }

    private static String image(KubeObject d) {
        JsonNode c = d.spec().path("template").path("spec").path("containers").path(0);
        return c.path("image").asText();
    }
}
