package dev.sluice.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointPublisherTest {

    static ReadyEndpoint endpoint(String ns, String workload, String pod, int port, Map<String, String> labels) {
        return new ReadyEndpoint(ns, "Deployment", workload, pod, "127.0.0.1", port,
                List.of(new ReadyEndpoint.ContainerPort("http", 8000, port)), "abc12", labels);
    }

    @Test
    void subscriberGetsCurrentThenEveryChangeInVersionOrder() {
        EndpointPublisher publisher = new EndpointPublisher();
        List<EndpointSnapshot> seen = new ArrayList<>();
        publisher.subscribe(seen::add);

        publisher.publish("faces", "Deployment", "face", List.of(endpoint("faces", "face", "face-1", 4001, Map.of("service", "face"))));
        publisher.publish("faces", "Deployment", "smiley", List.of(endpoint("faces", "smiley", "smiley-1", 4002, Map.of("service", "smiley"))));
        publisher.publish("faces", "Deployment", "face", List.of());

        assertThat(seen).extracting(EndpointSnapshot::version).containsExactly(0L, 1L, 2L, 3L);
        assertThat(seen.get(2).endpoints()).extracting(ReadyEndpoint::pod).containsExactly("face-1", "smiley-1");
        assertThat(seen.get(3).endpoints()).extracting(ReadyEndpoint::pod).containsExactly("smiley-1");
    }

    @Test
    void unchangedWorkloadPublishesNothing() {
        EndpointPublisher publisher = new EndpointPublisher();
        ReadyEndpoint e = endpoint("faces", "face", "face-1", 4001, Map.of("service", "face"));
        assertThat(publisher.publish("faces", "Deployment", "face", List.of(e))).isTrue();
        assertThat(publisher.publish("faces", "Deployment", "face", List.of(e))).isFalse();
        assertThat(publisher.current().version()).isEqualTo(1);
    }

    @Test
    void closedSubscriptionStopsDelivery() {
        EndpointPublisher publisher = new EndpointPublisher();
        List<EndpointSnapshot> seen = new ArrayList<>();
        EndpointSource.Subscription s = publisher.subscribe(seen::add);
        s.close();
        publisher.publish("faces", "Deployment", "face", List.of(endpoint("faces", "face", "face-1", 4001, Map.of())));
        assertThat(seen).hasSize(1);
    }

    @Test
    void throwingListenerDoesNotStopOthers() {
        EndpointPublisher publisher = new EndpointPublisher();
        List<EndpointSnapshot> seen = new ArrayList<>();
        publisher.subscribe(s -> {
            throw new IllegalStateException("boom");
        });
        publisher.subscribe(seen::add);
        publisher.publish("faces", "Deployment", "face", List.of(endpoint("faces", "face", "face-1", 4001, Map.of())));
        assertThat(seen).hasSize(2);
    }

    @Test
    void serviceSelectorMatchesLabelsWithinNamespaceOnly() {
        EndpointPublisher publisher = new EndpointPublisher();
        publisher.publish("faces", "Deployment", "face-primary",
                List.of(endpoint("faces", "face-primary", "p-1", 4001, Map.of("service", "face-primary", "pod-template-hash", "abc12"))));
        publisher.publish("faces", "Deployment", "face",
                List.of(endpoint("faces", "face", "c-1", 4002, Map.of("service", "face", "pod-template-hash", "def34"))));
        publisher.publish("other", "Deployment", "face",
                List.of(endpoint("other", "face", "o-1", 4003, Map.of("service", "face"))));

        EndpointSnapshot snap = publisher.current();
        assertThat(snap.selectedBy("faces", Map.of("service", "face-primary"))).extracting(ReadyEndpoint::pod).containsExactly("p-1");
        assertThat(snap.selectedBy("faces", Map.of("service", "face"))).extracting(ReadyEndpoint::pod).containsExactly("c-1");
        assertThat(snap.selectedBy("faces", Map.of())).isEmpty();
        assertThat(snap.ofWorkload("other", "face")).extracting(ReadyEndpoint::port).containsExactly(4003);
    }

    @Test
    void targetPortByNameOrNumberFallsBackToFirstContainer() {
        ReadyEndpoint e = new ReadyEndpoint("ns", "Deployment", "podinfo", "p", "127.0.0.1", 4001,
                List.of(new ReadyEndpoint.ContainerPort("http", 9898, 4001), new ReadyEndpoint.ContainerPort("metrics", 9797, 4002)),
                "h", Map.of());
        assertThat(e.portFor("http")).isEqualTo(4001);
        assertThat(e.portFor("9797")).isEqualTo(4002);
        assertThat(e.portFor("metrics")).isEqualTo(4002);
        assertThat(e.portFor("8080")).isEqualTo(4001);
        assertThat(e.portFor("")).isEqualTo(4001);
    }
}
