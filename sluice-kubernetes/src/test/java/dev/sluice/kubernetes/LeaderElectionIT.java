package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas electing a leader on one mock API server, with real (short) lease timings. */
class LeaderElectionIT {

    private static final String NS = "sluice-system";

    private final MockApi api = new MockApi();
    private final KubernetesClient observer = api.client();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    /** Replicas whose controllers run right now; more than one would be a split brain. */
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActiveAtOnce = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        api.close();
        observer.close();
    }

    private LeaderElection replica(String id) {
        KubernetesClient client = api.client();
        LeaderElectionOptions options = LeaderElectionOptions.defaults(NS, id)
                .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
        LeaderElection e = LeaderElection.start(client, options, () -> {
            mostActiveAtOnce.accumulateAndGet(active.incrementAndGet(), Math::max);
            log.add(id + " started");
            return () -> {
                // The lease must still be ours while we stop: nobody may lead before we are done.
                log.add(id + " stopping while the lease holder is " + holder());
                active.decrementAndGet();
            };
        });
        toClose.add(e);
        toClose.add(client);
        return e;
    }

    private String holder() {
        Lease l = observer.leases().inNamespace(NS).withName(LeaderElectionOptions.DEFAULT_LEASE).get();
        return l == null || l.getSpec().getHolderIdentity() == null ? "" : l.getSpec().getHolderIdentity();
    }

    @Test
    void exactlyOneReplicaLeadsAndClosingHandsOverCleanly() {
        LeaderElection a = replica("a");
        LeaderElection b = replica("b");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeading() || b.isLeading());
        LeaderElection first = a.isLeading() ? a : b;
        LeaderElection second = first == a ? b : a;
        String firstId = first == a ? "a" : "b";
        String secondId = first == a ? "b" : "a";
        assertThat(second.isLeading()).isFalse();
        assertThat(holder()).isEqualTo(firstId);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.leader().equals(firstId));

        first.close();

        assertThat(first.isLeading()).isFalse();
        assertThat(log).contains(firstId + " stopping while the lease holder is " + firstId);
        // Released on close, so the other takes over well before the 3 s lease would expire.
        await().atMost(Duration.ofSeconds(2)).until(second::isLeading);
        assertThat(holder()).isEqualTo(secondId);
        assertThat(mostActiveAtOnce.get()).as("replicas running controllers at once").isEqualTo(1);
    }

    @Test
    void aLeaderThatLosesItsLeaseStopsThenCampaignsAgain() {
        LeaderElection a = replica("a");
        await().atMost(Duration.ofSeconds(10)).until(a::isLeading);

        // Someone else takes the Lease (e.g. a replica that saw it expire during a network partition).
        // The edit is optimistic: a's renewal may win the race (409), so the intruder tries again.
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            observer.leases().inNamespace(NS).withName(LeaderElectionOptions.DEFAULT_LEASE).edit(l -> {
                l.getSpec().setHolderIdentity("intruder");
                l.getSpec().setRenewTime(ZonedDateTime.now());
                l.getSpec().setLeaseDurationSeconds(4);
                return l;
            });
            return true;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.isLeading());
        assertThat(log).anyMatch(s -> s.startsWith("a stopping"));

        // The intruder stops renewing: a acquires again once its lease has expired, without a restart.
        await().atMost(Duration.ofSeconds(15)).until(a::isLeading);
        assertThat(log).containsSubsequence("a started", "a started");
        assertThat(mostActiveAtOnce.get()).isEqualTo(1);
    }
}
