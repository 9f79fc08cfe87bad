package dev.sluice.helm.chart;

import dev.sluice.api.KubeObject;
import java.util.List;

/**
 * A Helm hook: a rendered object annotated {@code helm.sh/hook}, run at its events instead of being
 * part of the release manifest.
 *
 * @param path           the template it came from, e.g. {@code podinfo/templates/tests/grpc.yaml}
 * @param events         e.g. {@code test}, {@code pre-install}; {@code test-success} is read as {@code test}
 * @param deletePolicies {@code before-hook-creation} (Helm's default when none is set),
 *                       {@code hook-succeeded}, {@code hook-failed}
 */
public record Hook(String name, String kind, String path, String manifest, KubeObject object, List<String> events,
                   int weight, List<String> deletePolicies) {

    public static final String ANNOTATION = "helm.sh/hook";
    public static final String WEIGHT = "helm.sh/hook-weight";
    public static final String DELETE_POLICY = "helm.sh/hook-delete-policy";

    public Hook {
        events = List.copyOf(events);
        deletePolicies = List.copyOf(deletePolicies);
    }

    /** Reads the hook annotations of a rendered object. */
    static Hook of(KubeObject o, String path, String manifest) {
        List<String> events = split(o.annotations().getOrDefault(ANNOTATION, "")).stream()
                .map(e -> e.equals("test-success") ? "test" : e).toList();
        int weight;
        try {
            weight = Integer.parseInt(o.annotations().getOrDefault(WEIGHT, "0").strip());
        } catch (NumberFormatException e) {
            weight = 0;
        }
        List<String> policies = split(o.annotations().getOrDefault(DELETE_POLICY, ""));
        return new Hook(o.name(), o.kind(), path, manifest, o, events,
                weight, policies.isEmpty() ? List.of("before-hook-creation") : policies);
    }

    private static List<String> split(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean runsOn(String event) {
        return events.contains(event);
    }

    public boolean deletesOn(String policy) {
        return deletePolicies.contains(policy);
    }
}
