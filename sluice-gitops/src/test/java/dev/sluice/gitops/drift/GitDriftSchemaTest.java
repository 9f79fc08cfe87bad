package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.validation.Field;
import dev.sluice.api.validation.KindSchemas;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.SchemaValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status GitDriftStatus writes is valid for the Canary CRD's schema, so an API server keeps it. */
class GitDriftSchemaTest {

    private static Schema statusSchema() {
        Schema.Obj root = KindSchemas.builtIn().find(CanaryKindModel.KIND).orElseThrow().latest().root();
        return root.fields().stream().filter(f -> f.name().equals("status")).map(Field::schema).findFirst().orElseThrow();
    }

    @Test
    void driftAndRevertRecordsMatchTheCanaryStatusSchema() {
        ObjectNode status = GitDriftStatusTest.failed();
        DriftReport r = GitDriftStatusTest.report();
        DriftReport withRemoval = new DriftReport(r.canaryNamespace(), r.canaryName(), r.target(), r.failedRevision(),
                r.source(), r.kustomization(), r.path(), r.commit(), r.range(), r.lastGood(), r.git(), r.cluster(),
                List.of(new SpecDiff.Difference("spec.containers[face].env[NEW]", "x", null)), r.verdict(), r.detectedAt());
        GitDriftStatus.record(status, new Analysis.Drifted(withRemoval), GitDriftStatusTest.T0);
        GitDriftStatus.recordRevert(status, new RevertResult.Pushed(RevertMode.BRANCH, RevertResult.Kind.REVERT,
                "sluice/revert/test-face-bbbbbbb", "c".repeat(40), List.of("a.yaml"), "diff", "msg"), GitDriftStatusTest.T0);

        List<Diagnostic> problems = SchemaValidator.validate(status, statusSchema(), FieldPath.of("status"));

        assertThat(problems).isEmpty();
        assertThat(status.path("gitDrift").path("differences").get(0).has("cluster")).isFalse();

        // The check is real: a field the schema does not list is reported.
        ObjectNode unknown = status.deepCopy();
        ((ObjectNode) unknown.path("gitDrift")).put("bogus", 1);
        assertThat(SchemaValidator.validate(unknown, statusSchema(), FieldPath.of("status"))).isNotEmpty();

        GitDriftStatus.record(status, new Analysis.Incomplete("GitOperationFailed: unreachable"), GitDriftStatusTest.T0);
        assertThat(SchemaValidator.validate(status, statusSchema(), FieldPath.of("status"))).isEmpty();
    }
}
