package dev.sluice.local.mesh.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/** All counters of one {@link SeriesKey}: requests, and per status code responses and latency. */
final class Series {

    final SeriesKey key;
    final LongAdder requests = new LongAdder();
    /** Index = status code (0..999); cells are created on first use. */
    private final AtomicReferenceArray<StatusCell> byStatus = new AtomicReferenceArray<>(1000);

    Series(SeriesKey key) {
        this.key = key;
    }

    StatusCell status(int code) {
        int i = code < 0 || code > 999 ? 0 : code;
        StatusCell c = byStatus.get(i);
        if (c == null) {
            StatusCell fresh = new StatusCell(i);
            c = byStatus.compareAndExchange(i, null, fresh);
            if (c == null) {
                c = fresh;
            }
        }
        return c;
    }

    List<StatusCell> cells() {
        List<StatusCell> out = new ArrayList<>();
        for (int i = 0; i < byStatus.length(); i++) {
            StatusCell c = byStatus.get(i);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }
}
