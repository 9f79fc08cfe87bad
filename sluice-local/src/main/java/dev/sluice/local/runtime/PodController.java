package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.OwnerReference;
import dev.sluice.cluster.EventRecord;
import dev.sluice.local.runtime.spec.BatchSpecParser;
import dev.sluice.local.runtime.spec.ContainerSpec;
import dev.sluice.local.runtime.spec.PodTemplate;
import dev.sluice.local.runtime.spec.WorkloadKind;
import dev.sluice.local.runtime.spec.WorkloadSpecParser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one bare Pod (one a user or Helm created, or one a Job created) as the kubelet would: its
 * containers start once, are restarted as {@code restartPolicy} says, and the Pod's status
 * (phase, conditions, container states) is written back. The spec is read once: later changes
 * to a running Pod are not applied (the API allows few). Confined to the runner's loop thread.
 */
final class PodController implements Controller {

    private final RuntimeContext ctx;
    private final ObjectKey key;
    private final String uid;
    private final Runnable resync;
    private final ObjectReporter report;
    private KubeObject object;
    private PodTemplate template;
    private String invalid;
    private boolean deleted;
    private PodRuntime pod;
    private boolean reaped;
    private Instant startTime;

    /** @param resync syncs this Pod at once (a container stopped or changed readiness) */
    PodController(RuntimeContext ctx, KubeObject object, Runnable resync) {
        this.ctx = ctx;
        this.key = object.key();
        this.uid = object.uid();
        this.report = new ObjectReporter(ctx, object, "kubelet");
        this.resync = resync;
        update(object);
    }

    @Override
    public void update(KubeObject o) {
        if (Controller.newer(object, o)) {
            return;
        }
        object = o;
        if (o.isDeleting()) {
            deleted = true;
            return;
        }
        if (template == null && invalid == null) {
            try {
                template = BatchSpecParser.pod(o);
            } catch (InvalidInputException e) {
                invalid = WorkloadSpecParser.summary(e);
                report.warnOnce("Failed", key + " is invalid: " + invalid);
            }
        }
    }

    @Override
    public void sync(Instant now) {
        if (deleted) {
            stop(now);
            return;
        }
        JsonNode previous = object.status();
        if (invalid != null) {
            store(PodStatusWriter.invalid(invalid, previous, now), previous);
            return;
        }
        if (pod == null) {
            Optional<String> why = notRunnable();
            if (why.isPresent()) {
                report.warnOnce("ErrImageNeverPull", why.get());
                List<ContainerSpec> cs = template.containers();
                store(PodStatusWriter.waiting(cs.stream().map(ContainerSpec::name).toList(), cs.stream().map(ContainerSpec::image).toList(),
                        "ErrImageNeverPull", why.get(), previous, now), previous);
                return;
            }
            try {
                pod = PodRuntime.create(ctx, key.namespace(), key.name(), uid, object.labels(), template, now);
            } catch (IOException e) {
                report.warnOnce("Failed", "Error: no free loopback port: " + e.getMessage());
                return;
            }
            startTime = now;
        }
        pod.advance(ctx, template, new PodRuntime.Events() {
            @Override
            public void warning(String reason, String message) {
                report.event(EventRecord.WARNING, reason, message);
            }

            @Override
            public void changed() {
                resync.run();
            }
        }, now);
        store(PodStatusWriter.running(pod, startTime, previous, now), previous);
    }

    private void stop(Instant now) {
        if (pod == null) {
            reaped = true;
            return;
        }
        Duration asked = Duration.ofSeconds(template.terminationGracePeriodSeconds());
        pod.terminate(asked.compareTo(ctx.options().maxGrace()) > 0 ? ctx.options().maxGrace() : asked, now);
        pod.stopRequested(now, Duration.ZERO); // a bare Pod is no Service endpoint: nothing to drain
        if (pod.gone()) {
            pod.closeLogs();
            // At once, not in the background: a Pod of the same name (a re-run Helm hook) may start next.
            WorkloadController.deleteTree(pod.dir);
            reaped = true;
        }
    }

    private Optional<String> notRunnable() {
        for (ContainerSpec c : template.containers()) {
            Optional<String> why = ctx.launcher().whyNotRunnable(c);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }


    /** The Job that owns this Pod, if a Job created it. */
    Optional<ObjectKey> ownerJob() {
        return object.ownerReferences().stream().filter(r -> r.kind().equals("Job") && r.apiVersion().startsWith("batch/"))
                .map(OwnerReference::name).findFirst()
                .map(name -> new ObjectKey(WorkloadKind.JOB.groupKind(), key.namespace(), name));
    }

    private void store(ObjectNode status, JsonNode previous) {
        switch (report.store(object, status, previous)) {
            case ObjectReporter.Stored.Current c -> object = c.object();
            case ObjectReporter.Stored.Changed c -> update(c.fresh());
            case ObjectReporter.Stored.Gone g -> deleted = true;
        }
    }

    @Override
    public ObjectKey key() {
        return key;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public void delete() {
        deleted = true;
    }

    @Override
    public boolean finished() {
        return deleted && reaped;
    }

    @Override
    public List<PodInfo> podInfos() {
        if (pod == null) {
            return List.of();
        }
        String ownerKind = ownerJob().map(k -> "Job").orElse("Pod");
        String owner = ownerJob().map(ObjectKey::name).orElse(key.name());
        return List.of(new PodInfo(key.namespace(), pod.name, ownerKind, owner, pod.hash, pod.labels, pod.status(),
                (int) pod.containers.stream().filter(ContainerRuntime::ready).count(), pod.restarts(), pod.createdAt, pod.ports(),
                pod.containers.stream().map(ContainerRuntime::info).toList()));
    }

    @Override
    public Optional<PodRuntime> pod(String name) {
        return pod != null && pod.name.equals(name) ? Optional.of(pod) : Optional.empty();
    }
}
