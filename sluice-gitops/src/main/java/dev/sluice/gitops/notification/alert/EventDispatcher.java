package dev.sluice.gitops.notification.alert;

import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.notification.Alert;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.gitops.notification.FluxEvent;
import dev.sluice.gitops.notification.notifier.Notifier;
import dev.sluice.gitops.notification.notifier.NotifierSettings;
import dev.sluice.gitops.notification.notifier.Notifiers;
import dev.sluice.gitops.notification.notifier.NotifyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * notification-controller's event server, in process: takes the events the Flux-side controllers
 * record ({@link #accept}, never blocking them), drops duplicates for five minutes, matches each
 * event against every Alert ({@link AlertFilter}) and posts it to the Alerts' Providers with the
 * metadata Flux sends ({@link EventMetadata}). Posts run on the {@code deliveries} executor, at most
 * {@code maxInFlight} at once, each bounded by its Provider's timeout. A failure is logged, counted
 * and recorded on the Alert as a Warning event {@code NotificationDispatchFailed}; nothing is
 * retried and nothing waits on it.
 *
 * <p>Run it with {@link #start()} (a worker thread), or step it with {@link #drain()} in tests.
 * Thread-safe.
 */
public final class EventDispatcher implements Consumer<EventRecord>, AutoCloseable {

    public static final String CONTROLLER = "notification-controller";
    static final GroupKind ALERT = GroupKind.of(ResourceTypes.NOTIFICATION, "Alert");
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /**
     * @param queueCapacity   events waiting at most; more are dropped and counted
     * @param duplicateWindow how long an identical event is suppressed (Flux: 5m)
     * @param maxInFlight     posts under way at once
     */
    public record Options(int queueCapacity, Duration duplicateWindow, int maxInFlight) {

        public static final Options DEFAULTS = new Options(4096, DuplicateLimiter.FLUX_WINDOW, 32);
    }

    private final Cluster cluster;
    private final Clock clock;
    private final Notifiers notifiers;
    private final Executor deliveries;
    private final ResourceTypes types = ResourceTypes.builtIn();
    private final KindModels models = KindModels.builtIn();
    private final ProviderResolver providers;
    private final DuplicateLimiter limiter;
    private final BlockingQueue<EventRecord> queue;
    private final Semaphore inFlight;
    private final DispatchCounters counters = new DispatchCounters();
    private volatile Thread worker;
    private volatile boolean closed;

    /**
     * @param cluster    where Alerts, Providers, Secrets and involved objects are read and Warning
     *                   events recorded (the plain port, not the forwarding one)
     * @param deliveries where posts run (virtual threads in production, the caller's thread in tests)
     */
    public EventDispatcher(Cluster cluster, Clock clock, Notifiers notifiers, Executor deliveries, Options options) {
        this.cluster = cluster;
        this.clock = clock;
        this.notifiers = notifiers;
        this.deliveries = deliveries;
        this.providers = new ProviderResolver(cluster);
        this.limiter = new DuplicateLimiter(options.duplicateWindow());
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.inFlight = new Semaphore(options.maxInFlight());
    }

    /** Queues an event for dispatch; returns at once (a full queue drops the event and counts it). */
    @Override
    public void accept(EventRecord event) {
        counters.received.incrementAndGet();
        if (closed || !queue.offer(event)) {
            counters.dropped.incrementAndGet();
        }
    }

    public DispatchCounters counters() {
        return counters;
    }

    /** Dispatches everything queued on the caller's thread; returns how many events it handled. */
    public int drain() {
        int n = 0;
        for (EventRecord e; (e = queue.poll()) != null; n++) {
            dispatchSafely(e);
        }
        return n;
    }

    /** Starts the worker thread that dispatches queued events until {@link #close()}. */
    public synchronized EventDispatcher start() {
        if (worker == null) {
            worker = Thread.ofPlatform().daemon().name("flux-notifications").start(this::run);
        }
        return this;
    }

    private void run() {
        while (!closed) {
            try {
                dispatchSafely(queue.take());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dispatchSafely(EventRecord record) {
        try {
            dispatch(record);
        } catch (RuntimeException e) {
            LOG.warn("dispatching event {} {} failed", record.involved(), record.reason(), e);
        }
    }

    private void dispatch(EventRecord record) {
        Optional<KubeObject> involved = cluster.get(record.involved());
        FluxEvent event = EventMetadata.received(toFluxEvent(record, involved));
        if (!limiter.admit(event, clock.instant())) {
            counters.rateLimited.incrementAndGet();
            return;
        }
        event = EventMetadata.withoutInternal(event);
        for (Alert alert : alerts()) {
            AlertFilter.Decision d = AlertFilter.decide(event, alert, () -> involved.map(KubeObject::labels));
            d.problems().forEach(p -> warn(alert, p.reason(), p.message()));
            if (d.matched()) {
                deliver(event, alert);
            }
        }
    }

    private void deliver(FluxEvent event, Alert alert) {
        Optional<NotifierSettings> settings;
        Notifier notifier;
        try {
            settings = providers.resolve(alert);
            if (settings.isEmpty()) {
                return; // suspended provider
            }
            notifier = notifiers.create(settings.get());
        } catch (NotifyException e) {
            failed(alert, event, "failed to dispatch notification for " + event.involvedObject() + ": " + e.getMessage(), "");
            return;
        }
        FluxEvent notification = EventMetadata.forAlert(event, alert);
        String token = settings.get().token();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            deliveries.execute(() -> {
                try {
                    notifier.post(notification);
                    counters.sent.incrementAndGet();
                } catch (NotifyException | RuntimeException e) {
                    failed(alert, event, "failed to send notification for " + event.involvedObject() + ": " + e.getMessage(), token);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            failed(alert, event, "failed to send notification for " + event.involvedObject() + ": shutting down", token);
        }
    }

    private void failed(Alert alert, FluxEvent event, String message, String token) {
        counters.failed.incrementAndGet();
        String masked = token.isEmpty() ? message : message.replace(token, "*****");
        LOG.warn("Alert {}/{}: {}", alert.namespace(), alert.name(), masked);
        warn(alert, "NotificationDispatchFailed", masked);
    }

    private List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (KubeObject o : cluster.list(ALERT, "", LabelSelector.everything())) {
            try {
                out.add(models.get(ALERT, Alert.class).parse(models.toLatest(o)).value());
            } catch (InvalidInputException | IllegalArgumentException e) {
                LOG.debug("skipping invalid Alert {}: {}", o.key(), e.getMessage());
            }
        }
        return out;
    }

    /** The event as a Flux controller would post it: the object's served version, uid and resourceVersion. */
    FluxEvent toFluxEvent(EventRecord r, Optional<KubeObject> involved) {
        ObjectKey k = r.involved();
        String apiVersion = types.get(k.groupKind()).map(t -> t.storageApiVersion())
                .or(() -> involved.map(KubeObject::apiVersion))
                .orElse(k.groupKind().group().isEmpty() ? "v1" : k.groupKind().group() + "/v1");
        FluxEvent.InvolvedObject o = new FluxEvent.InvolvedObject(k.groupKind().kind(), k.namespace(), k.name(),
                involved.map(KubeObject::uid).orElse(""), apiVersion, involved.map(KubeObject::resourceVersion).orElse(""));
        String severity = r.isWarning() ? FluxEvent.ERROR : FluxEvent.INFO;
        Instant at = r.lastTimestamp() != null ? r.lastTimestamp() : clock.instant();
        return new FluxEvent(o, severity, at, r.message(), r.reason(), new java.util.TreeMap<>(r.annotations()),
                r.reportingController(), "");
    }

    private void warn(Alert alert, String reason, String message) {
        Instant now = clock.instant();
        try {
            cluster.recordEvent(new EventRecord(alert.object().key(), EventRecord.WARNING, reason, message, CONTROLLER,
                    Map.of(), 1, now, now));
        } catch (RuntimeException e) {
            LOG.debug("cannot record event on Alert {}/{}: {}", alert.namespace(), alert.name(), e.toString());
        }
    }

    /** Stops the worker; queued events are dropped. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
    }
}
