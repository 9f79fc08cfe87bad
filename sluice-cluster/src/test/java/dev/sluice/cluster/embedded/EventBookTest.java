package dev.sluice.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBookTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static ObjectKey ks(String name) {
        return ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", name);
    }

    static EventRecord event(ObjectKey on, String message, String revision) {
        return new EventRecord(on, EventRecord.NORMAL, "ReconciliationSucceeded", message, "kustomize-controller",
                Map.of("kustomize.toolkit.fluxcd.io/revision", revision), 1, T, T);
    }

    @Test
    void boundedInBytesWhateverTheCounts() {
        long max = 256 * 1024;
        EventBook book = new EventBook(1_000, 1_000_000, max);
        String longMessage = "x".repeat(4_000);
        for (int i = 0; i < 1_000; i++) {
            book.record(event(ks("app-" + i % 50), longMessage + i, "main@sha1:" + i));
            assertThat(book.bytes()).isLessThanOrEqualTo(max);
        }
        long each = EventBook.cost(event(ks("app-0"), longMessage + 999, "main@sha1:999"));
        assertThat(book.all()).as("as many as fit, the newest").hasSize((int) (max / each))
                .last().extracting(EventRecord::message).isEqualTo(longMessage + 999);
    }

    @Test
    void theCountBoundsStillHoldAndTheBytesFollowRemovals() {
        EventBook book = new EventBook(3, 5, 1L << 30);
        for (int i = 0; i < 100; i++) {
            book.record(event(ks("a"), "m" + i, "r"));
            book.record(event(ks("b" + i), "n" + i, "r"));
        }
        assertThat(book.all()).hasSize(5);
        assertThat(book.of(ks("a"))).extracting(EventRecord::message).containsExactly("m98", "m99");
        assertThat(book.all()).extracting(EventRecord::message).containsExactly("n97", "m98", "n98", "m99", "n99");
        long expected = book.all().stream().mapToLong(EventBook::cost).sum();
        assertThat(book.bytes()).as("bytes of exactly what is kept").isEqualTo(expected);
    }

    @Test
    void aRepeatedEventIsCountedOnceAndKeepsItsFirstTime() {
        EventBook book = new EventBook(10, 10, 1L << 20);
        book.record(event(ks("a"), "same", "r1"));
        long once = book.bytes();
        for (int i = 1; i <= 50; i++) {
            EventRecord again = new EventRecord(ks("a"), EventRecord.NORMAL, "ReconciliationSucceeded", "same",
                    "kustomize-controller", Map.of("kustomize.toolkit.fluxcd.io/revision", "r1"), 1, T.plusSeconds(i),
                    T.plusSeconds(i));
            book.record(again);
        }
        assertThat(book.bytes()).isEqualTo(once);
        EventRecord kept = book.of(ks("a")).get(0);
        assertThat(kept.count()).isEqualTo(51);
        assertThat(kept.firstTimestamp()).isEqualTo(T);
        assertThat(kept.lastTimestamp()).isEqualTo(T.plusSeconds(50));
    }

    @Test
    void eventsShareTheirObjectKeyAndRepeatedStrings() {
        EventBook book = new EventBook(100, 100, 1L << 20);
        // Equal but distinct instances, as each reconcile builds them.
        book.record(event(ks("a"), "one", new String("main@sha1:abc")));
        book.record(event(ks("a"), "two", new String("main@sha1:abc")));
        EventRecord first = book.of(ks("a")).get(0);
        EventRecord second = book.of(ks("a")).get(1);
        assertThat(second.involved()).isSameAs(first.involved());
        assertThat(second.annotations().get("kustomize.toolkit.fluxcd.io/revision"))
                .isSameAs(first.annotations().get("kustomize.toolkit.fluxcd.io/revision"));
        assertThat(second.reportingController()).isSameAs(first.reportingController());
    }
}
