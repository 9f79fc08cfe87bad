package dev.sluice.server.observe;

import dev.sluice.api.ObjectKey;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.delivery.observe.AnalysisTick;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent analysis ticks of every Canary, in memory and bounded: at most {@code perCanary} ticks
 * per Canary (the oldest are dropped) and at most {@code canaries} Canaries (the one recorded least
 * recently is forgotten). The dashboard's live charts and the rollout timeline read it; listeners
 * (the dashboard's event stream, the metrics) hear every tick as it is recorded.
 *
 * <p>Ticks are what the process saw: after a restart the store starts empty and the timeline falls
 * back on the stored events. Thread-safe; {@link #record} does no I/O and never blocks on
 * listeners beyond their own (required to be quick) work.
 */
public final class TickStore implements AnalysisRecorder {

    /** Two hours at Flagger's shortest interval (10 s). */
    public static final int DEFAULT_PER_CANARY = 720;
    public static final int DEFAULT_CANARIES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(TickStore.class);

    private final int perCanary;
    private final int canaries;
    private final Map<ObjectKey, Deque<AnalysisTick>> byCanary;
    private final List<Consumer<AnalysisTick>> listeners = new CopyOnWriteArrayList<>();

    public TickStore() {
        this(DEFAULT_PER_CANARY, DEFAULT_CANARIES);
    }

    public TickStore(int perCanary, int canaries) {
        if (perCanary < 1 || canaries < 1) {
            throw new IllegalArgumentException("tick store limits must be at least 1");
        }
        this.perCanary = perCanary;
        this.canaries = canaries;
        this.byCanary = new LinkedHashMap<>();
    }

    @Override
    public void record(AnalysisTick tick) {
        synchronized (byCanary) {
            // Re-inserted on every record, so the map's first key is the Canary recorded least recently.
            Deque<AnalysisTick> ticks = byCanary.remove(tick.canary());
            if (ticks == null) {
                ticks = new ArrayDeque<>();
            }
            byCanary.put(tick.canary(), ticks);
            ticks.addLast(tick);
            while (ticks.size() > perCanary) {
                ticks.removeFirst();
            }
            if (byCanary.size() > canaries) {
                var eldest = byCanary.keySet().iterator();
                eldest.next();
                eldest.remove();
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

    /** The ticks kept for one Canary, oldest first (a copy). */
    public List<AnalysisTick> ticks(ObjectKey canary) {
        synchronized (byCanary) {
            Deque<AnalysisTick> ticks = byCanary.get(canary);
            return ticks == null ? List.of() : List.copyOf(ticks);
        }
    }

    /** The most recent tick of every Canary kept. */
    public List<AnalysisTick> latest() {
        synchronized (byCanary) {
            List<AnalysisTick> out = new ArrayList<>();
            byCanary.values().forEach(d -> out.add(d.peekLast()));
            return out;
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
