package dev.sluice.gitops.notification.alert;

import java.util.concurrent.atomic.AtomicLong;

/** What the event dispatcher did, for metrics and tests. Thread-safe. */
public final class DispatchCounters {

    /**
     * @param received    events handed to the dispatcher
     * @param dropped     events dropped because the queue was full (the controllers never wait)
     * @param rateLimited duplicates dropped within the rate-limit window
     * @param sent        notifications a provider accepted
     * @param failed      notifications that could not be built or were refused or unreachable
     */
    public record Snapshot(long received, long dropped, long rateLimited, long sent, long failed) {
    }

    final AtomicLong received = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    public Snapshot snapshot() {
        return new Snapshot(received.get(), dropped.get(), rateLimited.get(), sent.get(), failed.get());
    }
}
