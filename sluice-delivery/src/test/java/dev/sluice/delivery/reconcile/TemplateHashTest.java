package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    private static JsonNode template(String yaml) {
        return KubeObject.parse("{apiVersion: v1, kind: X, metadata: {name: x}, spec: " + yaml + "}").spec();
    }

    @Test
    void keyOrderDoesNotMatterButValuesDo() {
        String a = TemplateHash.of(template("{metadata: {labels: {app: a, tier: web}}, spec: {containers: [{name: c, image: i:1}]}}"));
        String b = TemplateHash.of(template("{spec: {containers: [{image: i:1, name: c}]}, metadata: {labels: {tier: web, app: a}}}"));
        String c = TemplateHash.of(template("{metadata: {labels: {app: a, tier: web}}, spec: {containers: [{name: c, image: i:2}]}}"));
        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(16);
        assertThat(TemplateHash.isSluice(a)).isTrue();
    }

    @Test
    void theDaemonSetScaleDownSelectorIsNotARevision() {
        String running = TemplateHash.of(template("{spec: {containers: [{name: c, image: i}]}}"));
        String scaledDown = TemplateHash.of(template(
                "{spec: {containers: [{name: c, image: i}], nodeSelector: {flagger.app/scale-to-zero: 'true'}}}"));
        String pinned = TemplateHash.of(template("{spec: {containers: [{name: c, image: i}], nodeSelector: {zone: a}}}"));
        String pinnedDown = TemplateHash.of(template(
                "{spec: {containers: [{name: c, image: i}], nodeSelector: {zone: a, flagger.app/scale-to-zero: 'true'}}}"));
        assertThat(scaledDown).isEqualTo(running);
        assertThat(pinnedDown).isEqualTo(pinned).isNotEqualTo(running);
    }

    @Test
    void flaggersHashesAreToldApart() {
        // rand.SafeEncodeString of a decimal uint32: at most 10 characters of bcdfghjklmnpqrstvwxz2456789.
        assertThat(TemplateHash.isSluice("5bd5d48c8c")).isFalse();
        assertThat(TemplateHash.isSluice("6f4b7c7dc9")).isFalse();
    }
}
