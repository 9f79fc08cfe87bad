package dev.sluice.cluster.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final WorkQueue<String> q = new WorkQueue<>();

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<String> drain(Instant now) {
        List<String> out = new ArrayList<>();
        Optional<WorkQueue.Item<String>> item;
        while ((item = q.pollDue(now)).isPresent()) {
            out.add(item.get().key());
        }
        return out;
    }

    @Test
    void manyAddsOfOneKeyMakeOneRun() {
        for (int i = 0; i < 100; i++) {
            q.add("a", at(0));
        }
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(drain(at(0))).containsExactly("a");
    }

    @Test
    void anEarlierDueTimeWinsAndALaterOneIsIgnored() {
        assertThat(q.add("a", at(10))).isTrue();
        assertThat(q.add("a", at(20))).isFalse();
        assertThat(q.dueOf("a")).contains(at(10));
        assertThat(q.add("a", at(5))).isTrue();
        assertThat(q.dueOf("a")).contains(at(5));
        assertThat(drain(at(4))).isEmpty();
        assertThat(drain(at(5))).containsExactly("a");
    }

    @Test
    void dueKeysComeOutByDueTimeThenInArrivalOrder() {
        q.add("late", at(3));
        q.add("first", at(1));
        q.add("second", at(1));
        q.add("future", at(60));
        assertThat(drain(at(5))).containsExactly("first", "second", "late");
        assertThat(q.nextDue()).contains(at(60));
    }

    @Test
    void pollReportsTheDueTimeForLag() {
        q.add("a", at(1));
        assertThat(q.pollDue(at(3))).contains(new WorkQueue.Item<>("a", at(1)));
    }

    @Test
    void aProcessingKeyIsNotHandedOutAgainUntilDone() {
        q.add("a", at(0));
        assertThat(q.pollDue(at(0))).isPresent();
        q.add("a", at(0));
        assertThat(q.isProcessing("a")).isTrue();
        assertThat(q.pollDue(at(0))).isEmpty();
        q.done("a", Optional.empty());
        assertThat(drain(at(0))).containsExactly("a");
    }

    @Test
    void anAddDuringARunRunsItOnceMoreAtTheEarlierOfDirtyAndRequeue() {
        q.add("a", at(0));
        q.pollDue(at(0));
        q.add("a", at(2));
        q.add("a", at(1));
        q.done("a", Optional.of(at(30)));
        assertThat(q.dueOf("a")).contains(at(1));

        q.pollDue(at(1));
        q.add("a", at(50));
        q.done("a", Optional.of(at(31)));
        assertThat(q.dueOf("a")).contains(at(31));
    }

    @Test
    void doneWithoutRequeueForgetsTheKey() {
        q.add("a", at(0));
        q.pollDue(at(0));
        q.done("a", Optional.empty());
        assertThat(q.waiting()).isZero();
        assertThat(q.processing()).isZero();
        assertThat(q.dueOf("a")).isEmpty();
    }

    @Test
    void failuresCountUntilReset() {
        assertThat(q.recordFailure("a")).isEqualTo(1);
        assertThat(q.recordFailure("a")).isEqualTo(2);
        assertThat(q.failures("a")).isEqualTo(2);
        q.resetFailures("a");
        assertThat(q.failures("a")).isZero();
    }

    @Test
    void failuresSurviveARun() {
        q.add("a", at(0));
        q.pollDue(at(0));
        q.recordFailure("a");
        q.done("a", Optional.of(at(1)));
        q.pollDue(at(1));
        assertThat(q.recordFailure("a")).isEqualTo(2);
    }

    @Test
    void removeForgetsAWaitingKey() {
        q.add("a", at(0));
        q.recordFailure("a");
        q.remove("a");
        assertThat(drain(at(0))).isEmpty();
        assertThat(q.failures("a")).isZero();
    }

    @Test
    void doneOfAnIdleKeyIsAnError() {
        assertThatThrownBy(() -> q.done("a", Optional.empty())).isInstanceOf(IllegalStateException.class);
    }
}
