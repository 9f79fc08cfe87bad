package dev.sluice.cluster.reconcile;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The pure heart of the scheduler: which keys are due when, which are running, and how often each
 * has failed in a row. It never reads a clock; callers pass {@code now}. Not thread-safe: the
 * {@link Scheduler} guards it with its lock.
 *
 * <p>A key is in at most one of three states: idle (unknown), waiting (with one due time) or
 * processing. Asking for a waiting key again keeps the earlier due time, so many events make one
 * run. Asking for a processing key marks it dirty; when it is {@link #done} it waits again at the
 * earlier of the dirty time and the requeue the run asked for, so a change seen during a run is never
 * lost and a key never runs twice at once.
 *
 * @param <K> the key type (an {@code ObjectKey} in production)
 */
public final class WorkQueue<K> {

    /** A due key as {@link #pollDue} hands it out: {@code due} is when it was wanted (for lag metrics). */
    public record Item<K>(K key, Instant due) {
    }

    private record Slot<K>(Instant due, long seq, K key) implements Comparable<Slot<K>> {
        @Override
        public int compareTo(Slot<K> o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Entry<K> {
        Slot<K> slot;
        boolean processing;
        Instant dirtyDue;
        int failures;
    }

    private final Map<K, Entry<K>> entries = new HashMap<>();
    private final TreeSet<Slot<K>> waiting = new TreeSet<>();
    private long seq;
    private int processing;

    /**
     * Asks for {@code key} to run at {@code due} (or earlier, if it already waits for an earlier time).
     *
     * @return true when the queue changed (a new or earlier due time, or a newly dirty key)
     */
    public boolean add(K key, Instant due) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(due, "due");
        Entry<K> e = entries.computeIfAbsent(key, k -> new Entry<>());
        if (e.processing) {
            if (e.dirtyDue != null && !due.isBefore(e.dirtyDue)) {
                return false;
            }
            e.dirtyDue = due;
            return true;
        }
        if (e.slot != null) {
            if (!due.isBefore(e.slot.due())) {
                return false;
            }
            waiting.remove(e.slot);
        }
        e.slot = new Slot<>(due, seq++, key);
        waiting.add(e.slot);
        return true;
    }

    /** Takes the key due longest ago (FIFO among equal times) and marks it processing; empty if none is due. */
    public Optional<Item<K>> pollDue(Instant now) {
        if (waiting.isEmpty() || waiting.first().due().isAfter(now)) {
            return Optional.empty();
        }
        Slot<K> slot = waiting.pollFirst();
        Entry<K> e = entries.get(slot.key());
        e.slot = null;
        e.processing = true;
        processing++;
        return Optional.of(new Item<>(slot.key(), slot.due()));
    }

    /**
     * Ends the run of a key handed out by {@link #pollDue}.
     *
     * @param next when the run asked to run again (a requeue or a retry), or empty
     */
    public void done(K key, Optional<Instant> next) {
        Entry<K> e = entries.get(key);
        if (e == null || !e.processing) {
            throw new IllegalStateException("key " + key + " is not processing");
        }
        e.processing = false;
        processing--;
        Instant due = e.dirtyDue;
        e.dirtyDue = null;
        if (next.isPresent() && (due == null || next.get().isBefore(due))) {
            due = next.get();
        }
        if (due != null) {
            e.slot = new Slot<>(due, seq++, key);
            waiting.add(e.slot);
        } else if (e.failures == 0) {
            entries.remove(key);
        }
    }

    /** Forgets a key: its wait, dirty mark and failures (a run in progress may still requeue it when done). */
    public void remove(K key) {
        Entry<K> e = entries.get(key);
        if (e == null) {
            return;
        }
        if (e.slot != null) {
            waiting.remove(e.slot);
            e.slot = null;
        }
        e.dirtyDue = null;
        e.failures = 0;
        if (!e.processing) {
            entries.remove(key);
        }
    }

    /** Counts one more failure in a row and returns the new count. */
    public int recordFailure(K key) {
        return ++entries.computeIfAbsent(key, k -> new Entry<>()).failures;
    }

    /** A success: the next failure backs off from the start again. */
    public void resetFailures(K key) {
        Entry<K> e = entries.get(key);
        if (e != null) {
            e.failures = 0;
        }
    }

    public int failures(K key) {
        Entry<K> e = entries.get(key);
        return e == null ? 0 : e.failures;
    }

    /** The earliest due time of a waiting key (possibly in the past), or empty. */
    public Optional<Instant> nextDue() {
        return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.first().due());
    }

    /** When {@code key} waits to run, or empty when it is idle or processing. */
    public Optional<Instant> dueOf(K key) {
        Entry<K> e = entries.get(key);
        return e == null || e.slot == null ? Optional.empty() : Optional.of(e.slot.due());
    }

    public boolean isProcessing(K key) {
        Entry<K> e = entries.get(key);
        return e != null && e.processing;
    }

    /** Keys waiting, due or not (delayed requeues included). */
    public int waiting() {
        return waiting.size();
    }

    public int processing() {
        return processing;
    }
}
