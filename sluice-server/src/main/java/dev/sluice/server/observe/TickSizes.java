package dev.sluice.server.observe;

import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.observe.AnalysisTick.HookOutcome;
import dev.sluice.delivery.observe.AnalysisTick.MetricSample;

/**
 * Estimates of what an {@link AnalysisTick} takes on the heap (compressed references): objects'
 * headers and fields, and two bytes per character of its strings, which over-counts Latin-1 text
 * and so errs on the side of keeping less. Pure.
 */
final class TickSizes {

    /** The record, its Instant and its three lists' headers. */
    static final int TICK = 64 + 24 + 3 * 16;
    static final int STRING = 24 + 16;
    static final int METRIC = 32 + 3 * 16;
    static final int HOOK = 24;

    private TickSizes() {
    }

    static long tick(AnalysisTick t) {
        long n = TICK + string(t.revision()) + string(t.phase());
        for (MetricSample m : t.metrics()) {
            n += METRIC + 4 + string(m.name()) + string(m.detail());
        }
        for (HookOutcome h : t.hooks()) {
            n += HOOK + 4 + string(h.name()) + string(h.type()) + string(h.message());
        }
        for (String e : t.events()) {
            n += 4 + string(e);
        }
        return n;
    }

    static long string(String s) {
        return s == null ? 0 : STRING + 2L * s.length();
    }
}
