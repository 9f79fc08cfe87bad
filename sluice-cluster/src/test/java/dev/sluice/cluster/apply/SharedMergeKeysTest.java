package dev.sluice.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.GroupKind;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharedMergeKeysTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            apps/Deployment      | spec.template.spec.containers            | name
            apps/Deployment      | spec.template.spec.initContainers        | name
            apps/Deployment      | spec.template.spec.containers.ports      | containerPort,protocol
            apps/Deployment      | spec.template.spec.containers.env        | name
            apps/Deployment      | spec.template.spec.containers.volumeMounts | mountPath
            apps/Deployment      | spec.template.spec.volumes               | name
            apps/Deployment      | spec.template.spec.containers.args       | atomic
            apps/Deployment      | spec.template.spec.tolerations           | atomic
            batch/CronJob        | spec.jobTemplate.spec.template.spec.containers | name
            /Pod                 | spec.containers                          | name
            /Service             | spec.ports                               | port,protocol
            /ConfigMap           | metadata.finalizers                      | set
            /ConfigMap           | metadata.ownerReferences                 | uid
            flagger.app/Canary   | status.conditions                        | type
            flagger.app/Canary   | spec.analysis.metrics                    | atomic
            networking.k8s.io/Ingress | spec.rules                          | atomic
            """)
    void listTypes(String kind, String path, String expected) {
        String[] gk = kind.split("/");
        ListType t = SharedMergeKeys.builtin().listType(new GroupKind(gk[0], gk[1]), Arrays.asList(path.split("\\.")));
        String actual = switch (t) {
            case ListType.Atomic a -> "atomic";
            case ListType.Set s -> "set";
            case ListType.Map m -> String.join(",", m.keys());
        };
        assertThat(actual).isEqualTo(expected);
    }
}
