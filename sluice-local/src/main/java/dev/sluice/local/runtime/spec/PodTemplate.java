package dev.sluice.local.runtime.spec;

import java.util.List;
import java.util.Map;

/**
 * A workload's pod template.
 *
 * @param hash                          a stable hash of the whole template (see {@link TemplateHash})
 * @param terminationGracePeriodSeconds how long a stopping process gets before it is killed
 * @param restartPolicy                 which container exits restart it
 */
public record PodTemplate(Map<String, String> labels, Map<String, String> annotations, List<ContainerSpec> containers,
                          int terminationGracePeriodSeconds, RestartPolicy restartPolicy, String hash) {

    public PodTemplate {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        containers = List.copyOf(containers);
    }
}
