package dev.sluice.gitops.kustomization;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code dependsOn} graph between objects (Kustomizations, HelmReleases): a dependency order and
 * every cycle, so each member of a cycle can be told which cycle it is in. Pure.
 *
 * <p>Runs Tarjan's strongly-connected-components algorithm iteratively (no recursion, so deep chains
 * cannot overflow the stack) in O(V + E).
 *
 * @param <K> the node key, e.g. an ObjectKey
 */
public final class DependencyGraph<K> {

    private final Map<K, List<K>> edges;

    /** @param dependsOn for each node, the nodes it depends on (unknown nodes are allowed) */
    public DependencyGraph(Map<K, ? extends Collection<K>> dependsOn) {
        Map<K, List<K>> copy = new LinkedHashMap<>();
        dependsOn.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        for (Collection<K> deps : dependsOn.values()) {
            for (K d : deps) {
                copy.putIfAbsent(d, List.of());
            }
        }
        this.edges = copy;
    }

    /** The result: nodes in an order where dependencies come first, and the cycles found. */
    public record Order<K>(List<K> order, List<List<K>> cycles) {

        /** The cycle {@code node} is part of, if any. */
        public List<K> cycleOf(K node) {
            return cycles.stream().filter(c -> c.contains(node)).findFirst().orElse(List.of());
        }
    }

    public Order<K> sort() {
        Map<K, Integer> index = new HashMap<>();
        Map<K, Integer> low = new HashMap<>();
        Set<K> onStack = new LinkedHashSet<>();
        Deque<K> stack = new ArrayDeque<>();
        List<K> order = new ArrayList<>();
        List<List<K>> cycles = new ArrayList<>();
        int[] counter = {0};

        for (K start : edges.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            // Iterative DFS: each frame is a node and the position in its edge list.
            Deque<Object[]> frames = new ArrayDeque<>();
            visit(start, index, low, stack, onStack, counter);
            frames.push(new Object[] {start, 0});
            while (!frames.isEmpty()) {
                Object[] frame = frames.peek();
                @SuppressWarnings("unchecked")
                K node = (K) frame[0];
                int i = (Integer) frame[1];
                List<K> deps = edges.get(node);
                if (i < deps.size()) {
                    frame[1] = i + 1;
                    K dep = deps.get(i);
                    if (!index.containsKey(dep)) {
                        visit(dep, index, low, stack, onStack, counter);
                        frames.push(new Object[] {dep, 0});
                    } else if (onStack.contains(dep)) {
                        low.put(node, Math.min(low.get(node), index.get(dep)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    @SuppressWarnings("unchecked")
                    K parent = (K) frames.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<K> component = new ArrayList<>();
                    K member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    boolean selfLoop = component.size() == 1 && edges.get(node).contains(node);
                    if (component.size() > 1 || selfLoop) {
                        cycles.add(List.copyOf(component.reversed()));
                    }
                    // Tarjan emits components in reverse topological order of the "depends on"
                    // edges, i.e. dependencies first, which is the order we want.
                    order.addAll(component.reversed());
                }
            }
        }
        return new Order<>(List.copyOf(order), List.copyOf(cycles));
    }

    private static <K> void visit(K node, Map<K, Integer> index, Map<K, Integer> low, Deque<K> stack, Set<K> onStack,
                                  int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
    }
}
