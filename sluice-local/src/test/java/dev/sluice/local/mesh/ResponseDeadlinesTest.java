package dev.sluice.local.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseDeadlinesTest {

    private final List<String> expired = new ArrayList<>();
    private final ResponseDeadlines deadlines = new ResponseDeadlines(100);

    private ResponseDeadlines.Entry entry(String name) {
        return new ResponseDeadlines.Entry() {
            @Override
            protected void expired() {
                expired.add(name);
            }
        };
    }

    @Test
    void aSweepExpiresTheEntriesWhoseDeadlinePassedInArmingOrder() {
        ResponseDeadlines.Entry a = entry("a");
        ResponseDeadlines.Entry b = entry("b");
        ResponseDeadlines.Entry c = entry("c");
        deadlines.arm(a, 0);
        deadlines.arm(b, 10);
        deadlines.arm(c, 50);

        deadlines.sweep(99);
        assertThat(expired).isEmpty();
        deadlines.sweep(110);
        assertThat(expired).containsExactly("a", "b");
        assertThat(deadlines.armed()).isEqualTo(1);
        deadlines.sweep(1_000);
        assertThat(expired).containsExactly("a", "b", "c");
        assertThat(deadlines.armed()).isZero();
    }

    @Test
    void disarmedEntriesNeverExpireWhereverTheyAreInTheList() {
        ResponseDeadlines.Entry head = entry("head");
        ResponseDeadlines.Entry middle = entry("middle");
        ResponseDeadlines.Entry tail = entry("tail");
        deadlines.arm(head, 0);
        deadlines.arm(middle, 1);
        deadlines.arm(tail, 2);

        deadlines.disarm(middle);
        deadlines.disarm(middle); // twice is harmless
        deadlines.disarm(head);
        deadlines.sweep(1_000);
        assertThat(expired).containsExactly("tail");

        deadlines.arm(middle, 1_000); // a retried call is armed again
        deadlines.sweep(1_100);
        assertThat(expired).containsExactly("tail", "middle");
        assertThat(deadlines.armed()).isZero();
    }
}
