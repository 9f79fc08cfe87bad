package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.api.helm.HelmActions.TestFilter;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.ManifestDocs;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code helm test}, without blocking: starting the tests creates every test hook (a Pod or a Job
 * annotated {@code helm.sh/hook: test}; an earlier run's object is deleted first) and marks it
 * Running in the release; later calls read each hook's phase (Pod {@code status.phase}, Job
 * Complete/Failed conditions) until all finished or the test timeout passed. Whoever runs Pods
 * and Jobs (the kubelet, the embedded runtime) decides the outcome.
 */
final class TestRunner {

    private final Cluster cluster;
    private final ReleaseStorage storage;
    private final Effects effects;
    private final HelmSettings settings;

    TestRunner(Cluster cluster, ReleaseStorage storage, Effects effects, HelmSettings settings) {
        this.cluster = cluster;
        this.storage = storage;
        this.effects = effects;
        this.settings = settings;
    }

    Result start(Ctx ctx, Release cur) {
        if (ctx.status.isTrue(HrStatus.REMEDIATED)) {
            // A release made by a rollback now matches the desired state: it counts as upgraded.
            ObjectNode latest = ctx.status.history().get(0);
            ctx.status.remove(HrStatus.REMEDIATED).set(HrStatus.RELEASED, Condition.TRUE, "UpgradeSucceeded",
                    String.format(Messages.UPGRADE_SUCCESS, Snapshots.fullName(latest), Snapshots.versionedChart(latest)));
        }
        ArrayNode hooks = cur.hooks().deepCopy();
        int started = 0;
        for (JsonNode h : hooks) {
            if (!selected(ctx, h)) {
                continue;
            }
            KubeObject o;
            try {
                List<KubeObject> objs = ManifestDocs.objects(h.path("manifest").asText());
                if (objs.isEmpty()) {
                    continue;
                }
                o = objs.get(0);
            } catch (ChartException e) {
                continue;
            }
            if (o.namespace().isEmpty()) {
                o = o.withMetadata("namespace", ctx.releaseNamespace());
            }
            delete(o);
            cluster.apply(o, ApplyOptions.as(Effects.CONTROLLER));
            ((ObjectNode) h).putObject("last_run").put("started_at", ctx.now.toString()).put("completed_at", "")
                    .put("phase", Snapshots.RUNNING);
            started++;
        }
        Release running = cur.withHooks(hooks);
        storage.update(running, ctx.storageNamespace());
        ObjectNode snap = Snapshots.of(running, "");
        if (started == 0) {
            snap.putObject("testHooks");
            ctx.status.history(Snapshots.put(ctx.status.history(), snap));
            return finish(ctx, running, List.of(), 0);
        }
        ctx.status.history(Snapshots.put(ctx.status.history(), snap));
        ctx.status.progressing(String.format(Messages.RUNNING, "test", GoDuration.format(ctx.timeout("test"))), false).observed();
        effects.write(ctx);
        return Result.afterExactly(settings.poll());
    }

    Result await(Ctx ctx, Release cur) {
        ArrayNode hooks = cur.hooks().deepCopy();
        List<String> failures = new ArrayList<>();
        int succeeded = 0;
        boolean running = false;
        for (JsonNode h : hooks) {
            ObjectNode run = (ObjectNode) h.path("last_run");
            if (!Snapshots.RUNNING.equals(run.path("phase").asText())) {
                if (Snapshots.SUCCEEDED.equals(run.path("phase").asText())) {
                    succeeded++;
                }
                continue;
            }
            String kind = h.path("kind").asText();
            String name = h.path("name").asText();
            Optional<KubeObject> live = object(ctx, h);
            String phase = live.map(TestRunner::phase).orElse("");
            Instant started = parse(run.path("started_at").asText());
            if (phase.isEmpty() && ctx.now.isAfter(started.plus(ctx.timeout("test")))) {
                phase = Snapshots.FAILED;
                failures.add(kind.toLowerCase() + " " + name + " timed out after " + GoDuration.format(ctx.timeout("test")));
            } else if (phase.equals(Snapshots.FAILED)) {
                failures.add(kind.toLowerCase() + " " + name + " failed" + live.map(TestRunner::why).orElse(""));
            }
            if (phase.isEmpty()) {
                running = true;
                continue;
            }
            run.put("phase", phase).put("completed_at", ctx.now.toString());
            if (phase.equals(Snapshots.SUCCEEDED)) {
                succeeded++;
            }
            boolean ok = phase.equals(Snapshots.SUCCEEDED);
            if (live.isPresent() && hasPolicy(h, ok ? "hook-succeeded" : "hook-failed")) {
                delete(live.get());
            }
        }
        Release updated = cur.withHooks(hooks);
        if (running) {
            if (!updated.equals(cur)) {
                storage.update(updated, ctx.storageNamespace());
                ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(updated, "")));
                effects.write(ctx);
            }
            return Result.afterExactly(settings.poll());
        }
        storage.update(updated, ctx.storageNamespace());
        ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(updated, "")));
        return finish(ctx, updated, failures, succeeded);
    }

    private Result finish(Ctx ctx, Release r, List<String> failures, int succeeded) {
        String full = r.fullName();
        String chart = r.versionedChart();
        if (!failures.isEmpty()) {
            String msg = String.format(Messages.TEST_FAILURE, full, chart, String.join("; ", failures));
            ctx.status.increment("failures").set(HrStatus.TEST_SUCCESS, Condition.FALSE, "TestFailed", msg);
            String lastAction = ctx.status.text("lastAttemptedReleaseAction");
            Planner.activeRemediation(ctx.hr, lastAction).filter(rem -> !Planner.ignoreTestFailures(ctx.hr, rem))
                    .ifPresent(rem -> ctx.status.increment(lastAction.equals("install") ? "installFailures" : "upgradeFailures"));
            effects.event(ctx, EventRecord.WARNING, "TestFailed", msg, r.chartVersion(), ctx.configDigest, r.appVersion());
        } else {
            String hooks = succeeded == 0 ? "no test hooks"
                    : succeeded + " test " + (succeeded == 1 ? "hook" : "hooks") + " completed successfully";
            String msg = String.format(Messages.TEST_SUCCESS, full, chart, hooks);
            ctx.status.set(HrStatus.TEST_SUCCESS, Condition.TRUE, "TestSucceeded", msg);
            effects.event(ctx, EventRecord.NORMAL, "TestSucceeded", msg, r.chartVersion(), ctx.configDigest, r.appVersion());
        }
        ctx.status.remove(HrStatus.RECONCILING).summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
        effects.write(ctx);
        return Result.afterExactly(Duration.ZERO);
    }

    private static boolean selected(Ctx ctx, JsonNode hook) {
        boolean test = false;
        for (JsonNode e : hook.path("events")) {
            test |= e.asText().equals("test");
        }
        if (!test) {
            return false;
        }
        List<TestFilter> filters = ctx.hr.spec().test().filters();
        String name = hook.path("name").asText();
        if (filters.stream().anyMatch(f -> f.exclude() && f.name().equals(name))) {
            return false;
        }
        List<TestFilter> includes = filters.stream().filter(f -> !f.exclude()).toList();
        return includes.isEmpty() || includes.stream().anyMatch(f -> f.name().equals(name));
    }

    private Optional<KubeObject> object(Ctx ctx, JsonNode hook) {
        try {
            List<KubeObject> objs = ManifestDocs.objects(hook.path("manifest").asText());
            if (objs.isEmpty()) {
                return Optional.empty();
            }
            KubeObject o = objs.get(0);
            String ns = o.namespace().isEmpty() ? ctx.releaseNamespace() : o.namespace();
            return cluster.get(new dev.sluice.api.ObjectKey(o.groupKind(), ns, o.name()));
        } catch (ChartException e) {
            return Optional.empty();
        }
    }

    /** Succeeded, Failed, or "" while it runs. */
    static String phase(KubeObject o) {
        if (o.kind().equals("Pod")) {
            String p = o.status().path("phase").asText("");
            return p.equals("Succeeded") || p.equals("Failed") ? p : "";
        }
        if (o.kind().equals("Job")) {
            if (Conditions.find(o.status(), "Complete").map(Condition::isTrue).orElse(false)) {
                return Snapshots.SUCCEEDED;
            }
            if (Conditions.find(o.status(), "Failed").map(Condition::isTrue).orElse(false)) {
                return Snapshots.FAILED;
            }
            return "";
        }
        return Snapshots.SUCCEEDED; // Helm waits only for Pods and Jobs
    }

    private static String why(KubeObject o) {
        String reason = o.kind().equals("Job") ? Conditions.find(o.status(), "Failed").map(Condition::reason).orElse("")
                : o.status().path("reason").asText(o.status().path("message").asText(""));
        return reason.isEmpty() ? "" : ": " + reason;
    }

    private static boolean hasPolicy(JsonNode hook, String policy) {
        for (JsonNode p : hook.path("delete_policies")) {
            if (p.asText().equals(policy)) {
                return true;
            }
        }
        return false;
    }

    private void delete(KubeObject o) {
        try {
            cluster.delete(o.key(), DeleteOptions.background());
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                throw e;
            }
        }
    }

    private static Instant parse(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
