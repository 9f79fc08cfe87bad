package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.cm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster store = EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(1))
            .options(StoreOptions.defaults().withEventLimits(3, 5)).build();

    @AfterEach
    void close() {
        store.close();
    }

    static EventRecord event(ObjectKey key, String reason, String message) {
        return EventRecord.normal(key, reason, message, "kustomize-controller", Instant.EPOCH);
    }

    @Test
    void identicalEventsAreAggregatedWithCountAndTimesFromTheStoreClock() {
        ObjectKey ks = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "default", "apps");
        store.recordEvent(event(ks, "ReconciliationSucceeded", "Reconciliation finished"));
        clock.advance(Duration.ofMinutes(1));
        store.recordEvent(event(ks, "ReconciliationSucceeded", "Reconciliation finished"));
        store.recordEvent(EventRecord.warning(ks, "ReconciliationSucceeded", "Reconciliation finished", "x", Instant.EPOCH));

        assertThat(store.events(ks)).hasSize(2);
        EventRecord normal = store.events(ks).get(0);
        assertThat(normal.count()).isEqualTo(2);
        assertThat(normal.firstTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(normal.lastTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(store.events(ks).get(1).isWarning()).isTrue();
    }

    @Test
    void keepsTheMostRecentlySeenPerObjectAndOverall() {
        ObjectKey a = cm("default", "a");
        ObjectKey b = cm("default", "b");
        for (int i = 1; i <= 4; i++) {
            store.recordEvent(event(a, "R", "m" + i));
        }
        assertThat(store.events(a)).extracting(EventRecord::message).containsExactly("m2", "m3", "m4");
        store.recordEvent(event(a, "R", "m2"));
        assertThat(store.events(a)).extracting(EventRecord::message).containsExactly("m3", "m4", "m2");
        for (int i = 1; i <= 3; i++) {
            store.recordEvent(event(b, "R", "n" + i));
        }
        assertThat(store.events(null)).extracting(EventRecord::message).containsExactly("m4", "m2", "n1", "n2", "n3");
        assertThat(store.events(a)).extracting(EventRecord::message).containsExactly("m4", "m2");
    }

    @Test
    void eventsAboutClusterScopedKindsIgnoreANamespace() {
        store.recordEvent(event(ObjectKey.of("", "Namespace", "default", "apps"), "R", "m"));
        assertThat(store.events(ObjectKey.of("", "Namespace", "", "apps"))).hasSize(1);
    }
}
