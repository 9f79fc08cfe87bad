package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.GoDuration;
import dev.sluice.api.helm.HelmActions.TestFilter;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseStorage;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code helm test}, without blocking: starting the tests creates every selected test hook (a Pod
 * or a Job annotated {@code helm.sh/hook: test}) and marks it Running in the release; later calls
 * follow each hook until all finished or the test timeout passed ({@link HookRuns}). Whoever runs
 * Pods and Jobs (the kubelet, the embedded runtime) decides the outcome.
 */
final class TestRunner {

    private final ReleaseStorage storage;
    private final Effects effects;
    private final HelmSettings settings;
    private final HookRuns runs;

    TestRunner(HookRuns runs, ReleaseStorage storage, Effects effects, HelmSettings settings) {
        this.runs = runs;
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
        int started = runs.start(hooks, selected(ctx), ctx.releaseNamespace(), ctx.now);
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
        HookRuns.Outcome o = runs.poll(hooks, selected(ctx), ctx.releaseNamespace(), ctx.timeout("test"), ctx.now);
        Release updated = cur.withHooks(hooks);
        if (!updated.equals(cur)) {
            storage.update(updated, ctx.storageNamespace());
            ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(updated, "")));
        }
        if (o.running()) {
            effects.write(ctx);
            return Result.afterExactly(settings.poll());
        }
        return finish(ctx, updated, o.failures(), o.succeeded());
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

    /** Test hooks, narrowed by {@code test.filters} (excludes win; includes, when any, restrict). */
    private static Predicate<JsonNode> selected(Ctx ctx) {
        List<TestFilter> filters = ctx.hr.spec().test().filters();
        List<TestFilter> includes = filters.stream().filter(f -> !f.exclude()).toList();
        return HookRuns.on("test").and(h -> {
            String name = h.path("name").asText();
            return filters.stream().noneMatch(f -> f.exclude() && f.name().equals(name))
                    && (includes.isEmpty() || includes.stream().anyMatch(f -> f.name().equals(name)));
        });
    }
}
