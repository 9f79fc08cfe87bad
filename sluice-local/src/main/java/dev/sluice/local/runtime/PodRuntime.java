package dev.sluice.local.runtime;

import dev.sluice.local.runtime.exec.ConfigError;
import dev.sluice.local.runtime.exec.ContainerLog;
import dev.sluice.local.runtime.exec.EnvResolver;
import dev.sluice.local.runtime.exec.LaunchException;
import dev.sluice.local.runtime.exec.LaunchRequest;
import dev.sluice.local.runtime.exec.PodFields;
import dev.sluice.local.runtime.exec.ProbeTarget;
import dev.sluice.local.runtime.exec.RunningContainer;
import dev.sluice.local.runtime.pod.ProbeSchedule;
import dev.sluice.local.runtime.rollout.PodView;
import dev.sluice.local.runtime.spec.ContainerSpec;
import dev.sluice.local.runtime.spec.PodTemplate;
import dev.sluice.local.runtime.spec.ProbeSpec;
import dev.sluice.local.runtime.spec.RestartPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One replica: its containers, each on its own loopback port. Confined to the loop thread.
 */
final class PodRuntime {

    /** Hears what a replica reports: warnings for the workload's events, and changes worth a sync now. */
    interface Events {
        void warning(String reason, String message);

        /** A container stopped or its readiness changed; the workload should be synced without waiting for the tick. */
        void changed();
    }

    final String namespace;
    final String name;
    final String hash;
    final String uid;
    final Instant createdAt;
    final Map<String, String> labels;
    final List<ContainerRuntime> containers;
    final Path dir;
    final RestartPolicy restartPolicy;
    boolean terminating;
    private boolean stopSent;
    /** When the replica left the endpoints; its containers stop a drain period later. */
    private Instant terminatingAt;
    private Duration grace = Duration.ZERO;

    private PodRuntime(String namespace, String name, String hash, String uid, Instant createdAt, Map<String, String> labels,
                       List<ContainerRuntime> containers, Path dir, RestartPolicy restartPolicy) {
        this.namespace = namespace;
        this.name = name;
        this.hash = hash;
        this.uid = uid;
        this.createdAt = createdAt;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.containers = List.copyOf(containers);
        this.dir = dir;
        this.restartPolicy = restartPolicy;
    }

    /** A replica of a Deployment or DaemonSet: labelled with its template's hash, with a made-up uid. */
    static PodRuntime create(RuntimeContext ctx, String namespace, String name, PodTemplate template, Instant now)
            throws IOException {
        String uid = UUID.nameUUIDFromBytes((namespace + "/" + name + "/" + now).getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, String> labels = new LinkedHashMap<>(template.labels());
        labels.put("pod-template-hash", template.hash());
        return create(ctx, namespace, name, uid, labels, template, now);
    }

    /** A bare Pod (or a Job's): its own uid and labels. */
    static PodRuntime create(RuntimeContext ctx, String namespace, String name, String uid, Map<String, String> labels,
                             PodTemplate template, Instant now) throws IOException {
        Path dir = ctx.options().stateDir().resolve("runtime").resolve(namespace).resolve(name);
        List<ContainerRuntime> containers = new ArrayList<>();
        for (ContainerSpec c : template.containers()) {
            int port = ctx.ports().allocate();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (ContainerSpec.Port p : c.ports()) {
                if (!p.name().isEmpty()) {
                    ports.put(p.name(), port);
                }
                ports.put(Integer.toString(p.containerPort()), port);
            }
            ContainerLog log = new ContainerLog(dir.resolve(c.name() + ".log"), ctx.options().logLines(), ctx.options().logFileBytes());
            containers.add(new ContainerRuntime(c, port, ports, log, dir.resolve(c.name()), ctx.launcher().builtin(c)));
        }
        return new PodRuntime(namespace, name, template.hash(), uid, now, labels, containers, dir, template.restartPolicy());
    }

    /** Starts what is due to start and probes what is due to be probed. */
    void advance(RuntimeContext ctx, PodTemplate template, Events events, Instant now) {
        if (terminating) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            ContainerRuntime c = containers.get(i);
            if (c.state == ContainerRuntime.State.WAITING && !now.isBefore(c.retryAt)) {
                start(ctx, i, template, events, now);
            }
            // A container just started is probed at once when it has no initial delay.
            if (c.state == ContainerRuntime.State.RUNNING) {
                probe(ctx, i, events, now);
            }
        }
    }

    private void start(RuntimeContext ctx, int i, PodTemplate template, Events events, Instant now) {
        ContainerRuntime c = containers.get(i);
        Map<String, String> defaults = new LinkedHashMap<>();
        ctx.options().mesh().ifPresent(m -> {
            String address = "127.0.0.1:" + m.getPort();
            defaults.put("SLUICE_MESH", address);
            defaults.put("HTTP_PROXY", "http://" + address);
            defaults.put("http_proxy", "http://" + address);
            defaults.put("NO_PROXY", "localhost,127.0.0.1");
            defaults.put("no_proxy", "localhost,127.0.0.1");
        });
        Map<String, String> forced = Map.of("PORT", Integer.toString(c.port), "HOSTNAME", name);
        EnvResolver.Resolved resolved;
        try {
            resolved = EnvResolver.resolve(c.spec, new PodFields(namespace, name, uid, labels, template.annotations()), defaults, forced,
                    ctx.cluster()::get);
        } catch (ConfigError e) {
            if (!e.getMessage().equals(c.message)) {
                events.warning("Failed", "Error: " + e.getMessage());
            }
            c.waitFor("CreateContainerConfigError", e.getMessage(), now.plus(ctx.options().configRetry()));
            return;
        }
        int run = ++c.run;
        try {
            RunningContainer handle = ctx.launcher().launch(new LaunchRequest(namespace, name, c.spec, resolved.env(),
                    resolved.command(), resolved.args(), c.port, c.workDir, c.log));
            c.running(handle, resolved.env(), now);
            handle.exited().whenComplete((code, error) -> ctx.post(() -> exited(ctx, i, run, code == null ? 1 : code, events)));
        } catch (LaunchException e) {
            c.log.append("error: " + e.getMessage());
            if (!restartPolicy.restarts(128)) {
                c.completed(128, e.getMessage(), now);
                events.warning("Failed", "Error: " + e.getMessage());
                return;
            }
            Duration delay = c.crashed(128, e.getMessage(), ctx.options().backoff(), name, now);
            events.warning(delay.isZero() ? "Failed" : "BackOff", delay.isZero() ? "Error: " + e.getMessage()
                    : "Back-off restarting failed container " + c.spec.name() + " in pod " + name);
        }
    }

    private void exited(RuntimeContext ctx, int i, int run, int code, Events events) {
        ContainerRuntime c = containers.get(i);
        if (c.run != run || c.state != ContainerRuntime.State.RUNNING) {
            return;
        }
        if (terminating) {
            c.state = ContainerRuntime.State.STOPPED;
            c.handle = null;
            c.lastExitCode = Optional.of(code);
        } else if (!restartPolicy.restarts(code)) {
            c.completed(code, "", ctx.clock().instant());
        } else {
            Duration delay = c.crashed(code, "", ctx.options().backoff(), name, ctx.clock().instant());
            if (!delay.isZero()) {
                events.warning("BackOff", "Back-off restarting failed container " + c.spec.name() + " in pod " + name);
            }
        }
        events.changed();
    }

    private void probe(RuntimeContext ctx, int i, Events events, Instant now) {
        ContainerRuntime c = containers.get(i);
        Optional<ProbeSpec> probe = c.spec.readinessProbe();
        if (probe.isEmpty() || c.probing || !ProbeSchedule.due(probe.get(), c.startedAt, c.lastProbe, now)) {
            return;
        }
        c.probing = true;
        c.lastProbe = Optional.of(now);
        int run = c.run;
        ProbeTarget target = new ProbeTarget(c.port, c.ports, c.env, c.workDir, c.builtin);
        ctx.prober().probe(probe.get().action(), target, ProbeSchedule.timeout(probe.get()))
                .whenComplete((ok, error) -> ctx.post(() -> probed(ctx, i, run, Boolean.TRUE.equals(ok), events)));
    }

    private void probed(RuntimeContext ctx, int i, int run, boolean ok, Events events) {
        ContainerRuntime c = containers.get(i);
        if (c.run != run || c.state != ContainerRuntime.State.RUNNING) {
            return;
        }
        c.probing = false;
        boolean wasReady = c.readiness.ready();
        c.readiness = c.readiness.record(ok, c.spec.readinessProbe().orElseThrow(), ctx.clock().instant());
        if (c.readiness.ready() != wasReady) {
            events.changed();
        }
    }

    /** Marks the replica as going: it stops being ready at once; its containers stop on {@link #stopRequested}. */
    void terminate(Duration grace, Instant now) {
        if (!terminating) {
            terminating = true;
            terminatingAt = now;
            this.grace = grace;
        }
    }

    /**
     * Stops the containers of a terminating replica, once, when {@code drain} has passed since it
     * left the endpoints. Called after the endpoints without it were published, and the drain lets the
     * mesh swap its routes first, so that it no longer sends the replica requests when it stops listening.
     */
    void stopRequested(Instant now, Duration drain) {
        if (terminating && !stopSent && !now.isBefore(terminatingAt.plus(drain))) {
            stopSent = true;
            containers.forEach(c -> c.stopping(grace));
        }
    }

    /** Terminating and every container stopped: the replica can be forgotten. */
    boolean gone() {
        return stopSent && containers.stream().allMatch(c -> c.state != ContainerRuntime.State.RUNNING);
    }

    boolean ready() {
        return !terminating && containers.stream().allMatch(ContainerRuntime::ready);
    }

    Optional<Instant> readySince() {
        if (!ready()) {
            return Optional.empty();
        }
        return containers.stream().map(c -> c.readiness.readySince().orElseThrow()).max(Instant::compareTo);
    }

    boolean available(Instant now, int minReadySeconds) {
        return readySince().map(t -> !t.plusSeconds(minReadySeconds).isAfter(now)).orElse(false);
    }

    int restarts() {
        return containers.stream().mapToInt(c -> c.restarts).sum();
    }

    PodView view() {
        boolean started = containers.stream().anyMatch(c -> c.state == ContainerRuntime.State.RUNNING || c.restarts > 0);
        return new PodView(name, started, readySince(), restarts(), createdAt);
    }

    /** Every declared container port with the loopback port serving it; first container first. */
    List<ReadyEndpoint.ContainerPort> ports() {
        List<ReadyEndpoint.ContainerPort> out = new ArrayList<>();
        for (ContainerRuntime c : containers) {
            c.spec.ports().forEach(p -> out.add(new ReadyEndpoint.ContainerPort(p.name(), p.containerPort(), c.port)));
        }
        return out;
    }

    void closeLogs() {
        containers.forEach(c -> c.log.close());
    }

    /**
     * The pod's phase as the kubelet computes it: Succeeded or Failed once every container
     * completed (exited and not restarted by the restart policy), Running once one has started,
     * Pending before.
     */
    String phase() {
        if (containers.stream().allMatch(c -> c.completed)) {
            return containers.stream().allMatch(c -> c.lastExitCode.orElse(1) == 0) ? "Succeeded" : "Failed";
        }
        boolean started = containers.stream().anyMatch(c -> c.state == ContainerRuntime.State.RUNNING || c.restarts > 0 || c.completed);
        return started ? "Running" : "Pending";
    }

    /** kubectl's STATUS column. */
    String status() {
        if (terminating) {
            return "Terminating";
        }
        switch (phase()) {
            case "Succeeded":
                return "Completed";
            case "Failed":
                return "Error";
            default:
                break;
        }
        for (ContainerRuntime c : containers) {
            if (c.state == ContainerRuntime.State.WAITING) {
                return c.reason;
            }
        }
        return "Running";
    }
}
