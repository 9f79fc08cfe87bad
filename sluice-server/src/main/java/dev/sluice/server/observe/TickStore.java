package dev.sluice.server.observe;

import dev.sluice.api.ObjectKey;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.delivery.observe.AnalysisTick;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent analysis ticks of every Canary, in memory and bounded: at most {@code perCanary} ticks
 * per Canary (the oldest are dropped), at most {@code canaries} Canaries (the one recorded least
 * recently is forgotten) and at most {@code maxBytes} in all, as estimated by {@link TickSizes}
 * (the Canary holding most loses its oldest ticks first). Ticks are kept compact
 * ({@link CanaryTicks}): an idle Canary's tick costs its time, 8 bytes. The dashboard's live charts
 * and the rollout timeline read it; listeners (the dashboard's event stream, the metrics) hear every
 * tick as it is recorded.
 *
 * <p>Ticks are what the process saw: after a restart the store starts empty and the timeline falls
 * back on the stored events. Thread-safe; {@link #record} does no I/O and never blocks on
 * listeners beyond their own (required to be quick) work.
 */
public final class TickStore implements AnalysisRecorder {

    /** Two hours at Flagger's shortest interval (10 s). */
    public static final int DEFAULT_PER_CANARY = 720;
    public static final int DEFAULT_CANARIES = 1_000;
    /**
     * Two hours of every idle Canary (about 6 KiB each, 6 MiB for the most Canaries kept), plus some
     * 25,000 ticks with two metric checks and a webhook (about 1 KiB each as estimated): a thousand
     * rollouts' analyses.
     */
    public static final long DEFAULT_BYTES = 32L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(TickStore.class);

    private final int perCanary;
    private final int canaries;
    private final long maxBytes;
    private final Map<ObjectKey, CanaryTicks> byCanary = new LinkedHashMap<>();
    private final List<Consumer<AnalysisTick>> listeners = new CopyOnWriteArrayList<>();
    private long bytes;

    public TickStore() {
        this(DEFAULT_PER_CANARY, DEFAULT_CANARIES, DEFAULT_BYTES);
    }

    public TickStore(int perCanary, int canaries) {
        this(perCanary, canaries, DEFAULT_BYTES);
    }

    public TickStore(int perCanary, int canaries, long maxBytes) {
        if (perCanary < 1 || canaries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("tick store limits must be at least 1");
        }
        this.perCanary = perCanary;
        this.canaries = canaries;
        this.maxBytes = maxBytes;
    }

    @Override
    public void record(AnalysisTick tick) {
        synchronized (byCanary) {
            // Re-inserted on every record, so the map's first key is the Canary recorded least recently.
            CanaryTicks ticks = byCanary.remove(tick.canary());
            if (ticks == null) {
                ticks = new CanaryTicks();
            }
            byCanary.put(tick.canary(), ticks);
            bytes += ticks.add(tick);
            while (ticks.count() > perCanary) {
                bytes += ticks.dropOldest();
            }
            if (byCanary.size() > canaries) {
                var eldest = byCanary.values().iterator();
                bytes -= eldest.next().bytes();
                eldest.remove();
            }
            while (bytes > maxBytes && !byCanary.isEmpty()) {
                shrinkLargest();
            }
        }
        for (Consumer<AnalysisTick> l : listeners) {
            try {
                l.accept(tick);
            } catch (RuntimeException e) {
                // A broken listener must not break the canary reconciler that records.
                LOG.warn("tick listener failed for {}", tick.canary(), e);
            }
        }
    }

    /** Drops the oldest run of ticks of the Canary that holds most (forgotten once it holds none). */
    private void shrinkLargest() {
        Map.Entry<ObjectKey, CanaryTicks> largest = null;
        for (Map.Entry<ObjectKey, CanaryTicks> e : byCanary.entrySet()) {
            if (largest == null || e.getValue().bytes() > largest.getValue().bytes()) {
                largest = e;
            }
        }
        bytes += largest.getValue().dropOldestRun();
        if (largest.getValue().isEmpty()) {
            bytes -= largest.getValue().bytes();
            byCanary.remove(largest.getKey());
        }
    }

    /** The ticks kept for one Canary, oldest first (a copy). */
    public List<AnalysisTick> ticks(ObjectKey canary) {
        synchronized (byCanary) {
            CanaryTicks ticks = byCanary.get(canary);
            if (ticks == null) {
                return List.of();
            }
            List<AnalysisTick> out = new ArrayList<>(ticks.count());
            ticks.forEach(out::add);
            return out;
        }
    }

    /** The most recent tick of every Canary kept. */
    public List<AnalysisTick> latest() {
        synchronized (byCanary) {
            List<AnalysisTick> out = new ArrayList<>();
            byCanary.values().forEach(t -> out.add(t.latest()));
            return out;
        }
    }

    /** The bytes held, as estimated for the bound. */
    public long bytes() {
        synchronized (byCanary) {
            return bytes;
        }
    }

    /**
     * Calls {@code listener} with every tick recorded from now on, on the recording thread; it must
     * return quickly. Returns what removes it.
     */
    public Runnable subscribe(Consumer<AnalysisTick> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
