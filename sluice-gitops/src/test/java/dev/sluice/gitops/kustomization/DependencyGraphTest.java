package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    @Test
    void ordersDependenciesFirst() {
        // The seeds' infrastructure chain: cert-manager -> linkerd -> {ingress-nginx, flagger} -> apps.
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("apps", List.of("flagger", "ingress-nginx"));
        deps.put("flagger", List.of("linkerd"));
        deps.put("ingress-nginx", List.of("linkerd"));
        deps.put("linkerd", List.of("cert-manager"));
        deps.put("cert-manager", List.of());
        var order = new DependencyGraph<>(deps).sort();
        assertThat(order.cycles()).isEmpty();
        List<String> o = order.order();
        assertThat(o.indexOf("cert-manager")).isLessThan(o.indexOf("linkerd"));
        assertThat(o.indexOf("linkerd")).isLessThan(o.indexOf("flagger")).isLessThan(o.indexOf("apps"));
        assertThat(o.indexOf("ingress-nginx")).isLessThan(o.indexOf("apps"));
        assertThat(o).hasSize(5);
    }

    @Test
    void reportsEveryCycleToEachMember() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("a", List.of("b"));
        deps.put("b", List.of("c"));
        deps.put("c", List.of("a"));
        deps.put("d", List.of("d"));
        deps.put("e", List.of("a"));
        var order = new DependencyGraph<>(deps).sort();
        assertThat(order.cycles()).hasSize(2);
        assertThat(order.cycleOf("b")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(order.cycleOf("d")).containsExactly("d");
        assertThat(order.cycleOf("e")).isEmpty();
    }

    @Test
    void unknownDependenciesAreNodesToo() {
        var order = new DependencyGraph<>(Map.of("apps", List.of("missing"))).sort();
        assertThat(order.order()).containsExactly("missing", "apps");
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Map<Integer, List<Integer>> deps = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            deps.put(i, List.of(i + 1));
        }
        var order = new DependencyGraph<>(deps).sort();
        assertThat(order.order().get(0)).isEqualTo(100_000);
        assertThat(order.cycles()).isEmpty();
    }
}
