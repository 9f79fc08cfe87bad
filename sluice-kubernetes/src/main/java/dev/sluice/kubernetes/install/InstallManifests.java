package dev.sluice.kubernetes.install;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.api.crd.CrdGenerator;
import dev.sluice.api.validation.KindSchemas;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything {@code sluice install --export} prints, as objects in apply order: the CRDs, the
 * Namespace, the ServiceAccount, RBAC ({@link Rbac}), the controller Deployment and its Service. The
 * Helm chart under {@code deploy/charts/sluice} renders the same objects (a test compares them).
 * Pure and thread-safe.
 */
public final class InstallManifests {

    /** Port of {@code /metrics}. */
    public static final int METRICS_PORT = 8080;
    /** Port of {@code /healthz} and {@code /readyz}. */
    public static final int HEALTH_PORT = 9440;
    /** Port of the notification receivers ({@code /hook/...}), as Flux's webhook-receiver. */
    public static final int RECEIVER_PORT = 9292;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private InstallManifests() {
    }

    /** Every object, CRDs first. */
    public static List<KubeObject> all(InstallOptions o) {
        List<KubeObject> out = new ArrayList<>(crds());
        out.addAll(controller(o));
        return out;
    }

    /** The CustomResourceDefinitions of every Flux and Flagger kind Sluice serves. */
    public static List<KubeObject> crds() {
        return new CrdGenerator(KindSchemas.builtIn()).generateAll();
    }

    /** Everything but the CRDs: what the Helm chart's templates hold. */
    public static List<KubeObject> controller(InstallOptions o) {
        List<KubeObject> out = new ArrayList<>();
        out.add(parse(namespace(o)));
        out.add(parse(serviceAccount(o)));
        out.addAll(Rbac.objects(o));
        out.add(parse(ControllerDeployment.yaml(o)));
        out.add(parse(service(o)));
        return out;
    }

    /** Multi-document YAML of {@link #all}, ready for {@code kubectl apply -f -}. */
    public static String yaml(InstallOptions o) {
        return toYaml(all(o));
    }

    public static String toYaml(List<KubeObject> objects) {
        return objects.stream().map(InstallManifests::write).collect(Collectors.joining("---\n", "---\n", ""));
    }

    private static String write(KubeObject o) {
        try {
            return YAML.writeValueAsString(o.toNode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The labels every object carries, as a YAML flow mapping. */
    static String labels(InstallOptions o) {
        return "{app.kubernetes.io/name: sluice, app.kubernetes.io/part-of: sluice, app.kubernetes.io/instance: "
                + o.namespace() + ", app.kubernetes.io/version: \"" + InstallOptions.VERSION + "\"}";
    }

    private static String namespace(InstallOptions o) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  labels: %s
                """.formatted(o.namespace(), labels(o));
    }

    private static String serviceAccount(InstallOptions o) {
        return """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: %s
                  namespace: %s
                  labels: %s
                """.formatted(Rbac.ACCOUNT, o.namespace(), labels(o));
    }

    private static String service(InstallOptions o) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: sluice
                  namespace: %s
                  labels: %s
                spec:
                  type: ClusterIP
                  selector: {app.kubernetes.io/name: sluice, app.kubernetes.io/component: controller}
                  ports:
                  - {name: http-webhook, port: 80, targetPort: http-webhook, protocol: TCP}
                  - {name: http-prom, port: %d, targetPort: http-prom, protocol: TCP}
                """.formatted(o.namespace(), labels(o), METRICS_PORT);
    }

    static KubeObject parse(String yaml) {
        return KubeObject.of(Yaml.readOne(yaml, "install manifests").content());
    }
}
