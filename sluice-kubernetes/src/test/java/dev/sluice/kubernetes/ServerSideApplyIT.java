package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.ClusterException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply. The CRUD mock cannot apply (it answers 404/415), so the apply PATCH is answered
 * by an expectation and these tests check the request's shape: method, content type, field manager,
 * force, dry run, body; plus the take-over JSON patch, which the CRUD mock does apply.
 */
class ServerSideApplyIT {

    private static final String CM = "/api/v1/namespaces/apps/configmaps/web";

    private final MockApi api = new MockApi();
    private final KubernetesCluster cluster = api.cluster();
    /** Apply bodies as received (a recorded request's body can be read only once). */
    private final List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        api.close(); // the server first: see InformerClusterIT#close
        cluster.close();
    }

    private static KubeObject desired() {
        return KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: apps, resourceVersion: "999"}
                data: {color: blue}
                """);
    }

    /** Answers the apply PATCH with the body it received, under {@code resourceVersion}. */
    private void answerApply(String query, String resourceVersion) {
        api.server.expect().patch().withPath(CM + query).andReply(200, req -> {
            String text = req.getUtf8Body();
            applied.add(text);
            ObjectNode body = Json.parseObject(text);
            body.with("metadata").put("resourceVersion", resourceVersion);
            return body.toString();
        }).once();
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = api.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            out.add(r);
        }
        return out;
    }

    private static RecordedRequest applyRequest(List<RecordedRequest> rs) {
        return rs.stream().filter(r -> r.getMethod().equals("PATCH")
                && r.getHeader("Content-Type").startsWith("application/apply-patch+yaml")).findFirst().orElseThrow();
    }

    @Test
    void applySendsAnApplyPatchWithFieldManagerAndForce() throws Exception {
        answerApply("?fieldManager=sluice&force=true", "5");

        ApplyResult r = cluster.apply(desired(), ApplyOptions.as("sluice"));

        assertThat(r.action()).isEqualTo(ApplyResult.Action.CREATED);
        assertThat(r.object().at("/data/color").asText()).isEqualTo("blue");
        RecordedRequest patch = applyRequest(requests());
        assertThat(patch.getPath()).isEqualTo(CM + "?fieldManager=sluice&force=true");
        JsonNode body = Json.parseObject(applied.get(0));
        assertThat(body.at("/metadata/resourceVersion").isMissingNode())
                .as("a resourceVersion in an apply body is a precondition; Git objects must not carry one").isTrue();
        assertThat(body.at("/data/color").asText()).isEqualTo("blue");
    }

    @Test
    void dryRunAsksTheServerNotToStore() throws Exception {
        answerApply("?fieldManager=sluice&dryRun=All&force=false", "1");

        ApplyResult r = cluster.apply(desired(), new ApplyOptions("sluice", false, true));

        assertThat(r.action()).isEqualTo(ApplyResult.Action.CREATED);
        assertThat(applyRequest(requests()).getPath()).contains("dryRun=All").contains("force=false");
    }

    @Test
    void reapplyingWithoutChangeIsUnchanged() {
        KubeObject existing = cluster.create(desired().edit(n -> n.with("metadata").remove("resourceVersion")));
        answerApply("?fieldManager=sluice&force=true", existing.resourceVersion());

        assertThat(cluster.apply(desired(), ApplyOptions.as("sluice")).action()).isEqualTo(ApplyResult.Action.UNCHANGED);
    }

    @Test
    void takesOverFieldsThatKubectlOwnedBeforeApplying() throws Exception {
        KubeObject byKubectl = KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  namespace: apps
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"color":"red","size":"xl"}}'
                    team: a
                  managedFields:
                  - manager: kubectl-client-side-apply
                    operation: Update
                    apiVersion: v1
                    fieldsType: FieldsV1
                    fieldsV1: {"f:data": {"f:color": {}, "f:size": {}}}
                  - manager: kube-controller-manager
                    operation: Update
                    apiVersion: v1
                    fieldsType: FieldsV1
                    fieldsV1: {"f:metadata": {"f:labels": {}}}
                data: {color: red, size: xl}
                """);
        KubeObject stored = cluster.create(byKubectl);
        answerApply("?fieldManager=sluice&force=true", "77");

        ApplyResult r = cluster.apply(desired(), ApplyOptions.as("sluice"));

        assertThat(r.action()).isEqualTo(ApplyResult.Action.CONFIGURED);
        List<RecordedRequest> rs = requests();
        RecordedRequest takeover = rs.stream().filter(x -> x.getMethod().equals("PATCH")
                && x.getHeader("Content-Type").startsWith("application/json-patch+json")).findFirst().orElseThrow();
        assertThat(rs.indexOf(takeover)).as("the take-over comes before the apply").isLessThan(rs.indexOf(applyRequest(rs)));
        // The CRUD mock applied the JSON patch: kubectl's entry now belongs to sluice, the other manager is kept.
        KubeObject after = cluster.get(stored.key()).orElseThrow();
        assertThat(after.annotations()).containsOnlyKeys("team");
        JsonNode fields = after.at("/metadata/managedFields");
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).path("manager").asText()).isEqualTo("kube-controller-manager");
        assertThat(fields.get(1).path("manager").asText()).isEqualTo("sluice");
        assertThat(fields.get(1).path("operation").asText()).isEqualTo("Apply");
        assertThat(fields.get(1).at("/fieldsV1/f:data").has("f:size")).isTrue();
    }

    @Test
    void dryRunNeverTakesOverFields() throws Exception {
        cluster.create(KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  namespace: apps
                  managedFields: [{manager: kubectl, operation: Apply, apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {}}]
                data: {color: red}
                """));
        answerApply("?fieldManager=sluice&dryRun=All&force=true", "1");

        cluster.apply(desired(), ApplyOptions.as("sluice").asDryRun());

        assertThat(requests()).noneMatch(x -> x.getMethod().equals("PATCH")
                && x.getHeader("Content-Type").startsWith("application/json-patch+json"));
    }

    @Test
    void aFieldConflictIsAConflictNamingTheOwner() {
        api.server.expect().patch().withPath(CM + "?fieldManager=sluice&force=false").andReturn(409, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
                 "message":"Apply failed with 1 conflict: conflict with \\"flagger\\": .spec.replicas"}""").once();

        assertThatThrownBy(() -> cluster.apply(desired(), new ApplyOptions("sluice", false, false)))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("apply ConfigMap/apps/web").contains("conflict with \"flagger\"");
                });
    }

    @Test
    void anInvalidObjectCarriesTheServersFieldCauses() {
        api.server.expect().patch().withPath(CM + "?fieldManager=sluice&force=true").andReturn(422, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
                 "message":"ConfigMap \\"web\\" is invalid",
                 "details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \\"x\\"","field":"spec.containers[0].image"}]}}""")
                .once();

        assertThatThrownBy(() -> cluster.apply(desired(), ApplyOptions.as("sluice")))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.INVALID);
                    assertThat(e.diagnostics()).singleElement()
                            .satisfies(d -> assertThat(d.toString()).isEqualTo("spec.containers[0].image: Invalid value: \"x\""));
                });
    }
}
