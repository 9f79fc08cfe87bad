package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Test
    void printsFileDocumentPathAndMessage() {
        Diagnostic d = Diagnostic.error(FieldPath.of("spec.analysis.stepWeight"), "70 must be <= maxWeight (50)")
                .at("faces-canary.yaml", 0, 12);
        assertThat(d).hasToString("faces-canary.yaml[0] spec.analysis.stepWeight: 70 must be <= maxWeight (50)");
    }

    @Test
    void pathsShowIndexesAndBracketOddKeys() {
        FieldPath p = FieldPath.root().child("spec").child("analysis").child("metrics").index(0).child("name");
        assertThat(p).hasToString("spec.analysis.metrics[0].name");
        assertThat(FieldPath.root().child("metadata").child("annotations").child("fluxcd.io/x"))
                .hasToString("metadata.annotations[fluxcd.io/x]");
    }
}
