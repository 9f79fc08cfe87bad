package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.local.runtime.spec.BatchSpecParser;
import dev.sluice.local.runtime.spec.JobSpec;
import dev.sluice.local.runtime.spec.WorkloadKind;
import dev.sluice.local.runtime.spec.WorkloadSpecParser;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Job controller for one batch/v1 Job: creates its Pods (objects in the cluster, owned by
 * the Job, which the runner then runs as bare Pods), counts them, and writes the Job's status as
 * Kubernetes does: {@code active}, {@code ready}, {@code succeeded}, {@code failed},
 * {@code startTime}, {@code completionTime} and the conditions Complete / Failed (reasons
 * {@code CompletionsReached}, {@code BackoffLimitExceeded}, {@code DeadlineExceeded}). A failed
 * Pod is replaced after the runner's back-off. Confined to the runner's loop thread.
 */
final class JobController implements Controller {

    private static final Logger LOG = LoggerFactory.getLogger(JobController.class);
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final RuntimeContext ctx;
    private final ObjectKey key;
    private final String uid;
    private final Consumer<KubeObject> created;
    private final ObjectReporter report;
    private KubeObject object;
    private JobSpec spec;
    private String invalid;
    private boolean deleted;
    private int failedSeen;
    private Instant nextCreate = Instant.MIN;

    /** @param created hands a Pod this Job just created to the runner, so that it starts without waiting for the watch */
    JobController(RuntimeContext ctx, KubeObject object, Consumer<KubeObject> created) {
        this.ctx = ctx;
        this.key = object.key();
        this.uid = object.uid();
        this.report = new ObjectReporter(ctx, object, "job-controller");
        this.created = created;
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
        if (spec == null && invalid == null) {
            try {
                spec = BatchSpecParser.job(o);
            } catch (InvalidInputException e) {
                invalid = WorkloadSpecParser.summary(e);
            }
        }
    }

    @Override
    public void sync(Instant now) {
        if (deleted) {
            return; // its Pods go with it: the cluster collects them through their owner reference
        }
        JsonNode previous = object.status();
        Instant start = parse(previous.path("startTime").asText()).orElse(now);
        if (invalid != null) {
            report.warnOnce("FailedCreate", key + " is invalid: " + invalid);
            store(JobStatus.finished(JobStatus.counts(0, 0, 0, 0), start, previous, now, "Failed", "InvalidSpec", invalid), previous);
            return;
        }
        List<KubeObject> pods = ctx.cluster().list(WorkloadKind.POD.groupKind(), key.namespace(),
                LabelSelector.matching(Map.of("batch.kubernetes.io/controller-uid", uid)));
        List<KubeObject> active = pods.stream().filter(p -> !finished(p) && !p.isDeleting()).toList();
        int succeeded = (int) pods.stream().filter(p -> phase(p).equals("Succeeded")).count();
        int failed = (int) pods.stream().filter(p -> phase(p).equals("Failed")).count();
        int ready = (int) active.stream().filter(JobController::podReady).count();
        int restarts = active.stream().mapToInt(JobController::restarts).sum();
        if (JobStatus.isFinished(previous)) {
            active.forEach(this::deletePod); // a finished Job keeps no Pod running
            store(JobStatus.recount(previous, JobStatus.counts(0, 0, succeeded, failed)), previous);
            return;
        }
        if (succeeded >= spec.completions()) {
            report.event(EventRecord.NORMAL, "Completed", "Job completed");
            store(JobStatus.finished(JobStatus.counts(0, 0, succeeded, failed), start, previous, now, "Complete",
                    "CompletionsReached", "Reached expected number of succeeded pods"), previous);
            return;
        }
        Optional<String[]> failure = Optional.empty();
        if (failed + restarts > spec.backoffLimit()) {
            failure = Optional.of(new String[] {"BackoffLimitExceeded", "Job has reached the specified backoff limit"});
        } else if (spec.hasDeadline() && !now.isBefore(start.plusSeconds(spec.activeDeadlineSeconds()))) {
            failure = Optional.of(new String[] {"DeadlineExceeded", "Job was active longer than specified deadline"});
        }
        if (failure.isPresent()) {
            active.forEach(this::deletePod);
            report.event(EventRecord.WARNING, failure.get()[0], failure.get()[1]);
            store(JobStatus.finished(JobStatus.counts(0, 0, succeeded, failed), start, previous, now, "Failed", failure.get()[0],
                    failure.get()[1]), previous);
            return;
        }
        if (failed > failedSeen) {
            failedSeen = failed;
            nextCreate = now.plus(ctx.options().backoff().delay(failed + 1));
        }
        int want = Math.min(spec.parallelism(), spec.completions() - succeeded) - active.size();
        int made = 0;
        if (!now.isBefore(nextCreate)) {
            for (int i = 0; i < want; i++) {
                made += createPod() ? 1 : 0;
            }
        }
        store(JobStatus.running(JobStatus.counts(active.size() + made, ready, succeeded, failed), start, previous), previous);
    }

    private boolean createPod() {
        String name;
        do {
            StringBuilder suffix = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                suffix.append(NAME_ALPHABET.charAt(ctx.random().nextInt(NAME_ALPHABET.length())));
            }
            name = key.name() + "-" + suffix;
        } while (ctx.cluster().get(new ObjectKey(WorkloadKind.POD.groupKind(), key.namespace(), name)).isPresent());
        JsonNode t = object.spec().path("template");
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", key.namespace());
        ObjectNode labels = meta.putObject("labels");
        t.path("metadata").path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        labels.put("batch.kubernetes.io/controller-uid", uid).put("batch.kubernetes.io/job-name", key.name())
                .put("controller-uid", uid).put("job-name", key.name());
        if (t.path("metadata").path("annotations").isObject()) {
            meta.set("annotations", t.path("metadata").path("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").addObject().put("apiVersion", "batch/v1").put("kind", "Job").put("name", key.name())
                .put("uid", uid).put("controller", true).put("blockOwnerDeletion", true);
        pod.set("spec", t.path("spec").deepCopy());
        try {
            KubeObject stored = ctx.cluster().create(KubeObject.of(pod));
            report.event(EventRecord.NORMAL, "SuccessfulCreate", "Created pod: " + name);
            created.accept(stored);
            return true;
        } catch (ClusterException e) {
            report.warnOnce("FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private void deletePod(KubeObject p) {
        try {
            ctx.cluster().delete(p.key(), DeleteOptions.background());
            report.event(EventRecord.NORMAL, "SuccessfulDelete", "Deleted pod: " + p.name());
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                LOG.warn("cannot delete {}: {}", p.key(), e.getMessage());
            }
        }
    }

    private static String phase(KubeObject pod) {
        return pod.status().path("phase").asText("");
    }

    private static boolean finished(KubeObject pod) {
        String p = phase(pod);
        return p.equals("Succeeded") || p.equals("Failed");
    }

    private static boolean podReady(KubeObject pod) {
        for (JsonNode c : pod.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static int restarts(KubeObject pod) {
        int n = 0;
        for (JsonNode c : pod.status().path("containerStatuses")) {
            n += c.path("restartCount").asInt();
        }
        return n;
    }

    private static Optional<Instant> parse(String t) {
        try {
            return t.isEmpty() ? Optional.empty() : Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
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
        return deleted;
    }

    /** A Job's Pods are run (and listed) by their own controllers. */
    @Override
    public List<PodInfo> podInfos() {
        return List.of();
    }

    @Override
    public Optional<PodRuntime> pod(String name) {
        return Optional.empty();
    }
}
