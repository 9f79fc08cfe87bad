package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses {@code spec.analysis} into an {@link AnalysisSpec}, applying Flagger's defaults and checking
 * the rules Flagger's CRD and getters imply. Every finding names the field, the value and the
 * expectation: {@code spec.analysis.stepWeight: 70 must be <= maxWeight (50)}.
 */
final class AnalysisReader {

    static final Set<String> FIELDS = Set.of("interval", "iterations", "mirror", "mirrorWeight", "maxWeight",
            "stepWeight", "stepWeights", "stepWeightPromotion", "threshold", "primaryReadyThreshold",
            "canaryReadyThreshold", "alerts", "metrics", "webhooks", "match", "sessionAffinity");

    private AnalysisReader() {
    }

    static AnalysisSpec read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        Duration interval = interval(node, at, f);
        int threshold = threshold(node, at, f);
        OptionalInt iterations = f.optionalInt(node, at, "iterations");
        OptionalInt stepWeight = f.optionalInt(node, at, "stepWeight");
        List<Integer> stepWeights = f.integers(node, at, "stepWeights");
        boolean hasStepWeights = Fields.present(node, "stepWeights");
        traffic(at, f, iterations, stepWeight, hasStepWeights);
        OptionalInt maxWeightWritten = f.optionalInt(node, at, "maxWeight");
        percent(maxWeightWritten, at.child("maxWeight"), f, 0);
        percent(stepWeight, at.child("stepWeight"), f, 1);
        if (iterations.isPresent() && iterations.getAsInt() < 1) {
            f.error(at.child("iterations"), iterations.getAsInt() + " must be >= 1");
        }
        checkStepWeights(stepWeights, at.child("stepWeights"), f);
        int maxWeight = maxWeight(maxWeightWritten, stepWeights, at, f);
        if (stepWeight.isPresent() && maxWeightWritten.isPresent() && stepWeights.isEmpty()
                && stepWeight.getAsInt() > maxWeightWritten.getAsInt()) {
            f.error(at.child("stepWeight"), stepWeight.getAsInt() + " must be <= maxWeight ("
                    + maxWeightWritten.getAsInt() + ")");
        }
        OptionalInt promotion = f.optionalInt(node, at, "stepWeightPromotion");
        percent(promotion, at.child("stepWeightPromotion"), f, 0);
        boolean mirror = f.bool(node, at, "mirror");
        OptionalInt mirrorWeight = f.optionalInt(node, at, "mirrorWeight");
        percent(mirrorWeight, at.child("mirrorWeight"), f, 0);
        if (mirrorWeight.orElse(0) > 0 && !mirror) {
            f.warn(at.child("mirrorWeight"), mirrorWeight.getAsInt() + " has no effect without mirror: true");
        }
        List<HttpMatch> match = CanaryService.readMatches(node, at, "match", f);
        if (!match.isEmpty() && iterations.orElse(0) == 0) {
            f.warn(at.child("match"), "is only used for A/B testing, which needs iterations; this Canary shifts "
                    + "traffic by weight to everyone");
        }
        OptionalInt primaryReady = f.optionalInt(node, at, "primaryReadyThreshold");
        OptionalInt canaryReady = f.optionalInt(node, at, "canaryReadyThreshold");
        percent(primaryReady, at.child("primaryReadyThreshold"), f, 0);
        percent(canaryReady, at.child("canaryReadyThreshold"), f, 0);
        return new AnalysisSpec(interval, Math.max(0, iterations.orElse(0)), mirror, mirrorWeight.orElse(0),
                maxWeight, Math.max(0, stepWeight.orElse(0)), stepWeights, Math.max(0, promotion.orElse(0)),
                threshold, primaryReady.orElse(100), canaryReady.orElse(100), alerts(node, at, f),
                metrics(node, at, f), webhooks(node, at, f), match, sessionAffinity(node, at, f));
    }

    private static Duration interval(JsonNode node, FieldPath at, Fields f) {
        if (!Fields.present(node, "interval")) {
            f.warn(at.child("interval"), "not set; Flagger's CRD requires it; " + GoDuration.format(
                    AnalysisSpec.DEFAULT_INTERVAL) + " is used");
            return AnalysisSpec.DEFAULT_INTERVAL;
        }
        String text = f.string(node, at, "interval", "");
        Optional<Duration> d = f.duration(node, at, "interval");
        if (d.isEmpty()) {
            return AnalysisSpec.DEFAULT_INTERVAL;
        }
        if (d.get().compareTo(AnalysisSpec.MIN_INTERVAL) < 0) {
            f.warn(at.child("interval"), "'" + text + "' is below the minimum of 10s; 10s is used");
            return AnalysisSpec.MIN_INTERVAL;
        }
        return d.get();
    }

    private static int threshold(JsonNode node, FieldPath at, Fields f) {
        OptionalInt t = f.optionalInt(node, at, "threshold");
        if (t.isEmpty()) {
            if (!Fields.present(node, "threshold")) {
                f.warn(at.child("threshold"), "not set; Flagger's CRD requires it; 1 is used (the first failed "
                        + "check rolls back)");
            }
            return 1;
        }
        if (t.getAsInt() < 0) {
            f.error(at.child("threshold"), t.getAsInt() + " must be >= 1");
        } else if (t.getAsInt() == 0) {
            f.warn(at.child("threshold"), "0 means the default, 1");
        }
        return Math.max(1, t.getAsInt());
    }

    /** The CRD's oneOf: exactly one of iterations, stepWeight or stepWeights. */
    private static void traffic(FieldPath at, Fields f, OptionalInt iterations, OptionalInt stepWeight,
                                boolean hasStepWeights) {
        List<String> set = new ArrayList<>();
        if (iterations.isPresent()) {
            set.add("iterations (" + iterations.getAsInt() + ")");
        }
        if (stepWeight.isPresent()) {
            set.add("stepWeight (" + stepWeight.getAsInt() + ")");
        }
        if (hasStepWeights) {
            set.add("stepWeights");
        }
        if (set.isEmpty()) {
            f.error(at, "one of iterations, stepWeight or stepWeights is required");
        } else if (set.size() > 1) {
            f.error(at, "set exactly one of iterations, stepWeight or stepWeights; found " + String.join(" and ", set));
        }
    }

    private static void percent(OptionalInt v, FieldPath at, Fields f, int min) {
        if (v.isPresent() && (v.getAsInt() < min || v.getAsInt() > AnalysisSpec.TOTAL_WEIGHT)) {
            f.error(at, v.getAsInt() + " must be between " + min + " and 100");
        }
    }

    private static void checkStepWeights(List<Integer> steps, FieldPath at, Fields f) {
        for (int i = 0; i < steps.size(); i++) {
            int w = steps.get(i);
            if (w <= 0) {
                f.error(at.index(i), w + " must be > 0");
            } else if (i > 0 && w <= steps.get(i - 1)) {
                f.error(at.index(i), w + " must be greater than the previous step (" + steps.get(i - 1) + ")");
            } else if (w > AnalysisSpec.TOTAL_WEIGHT) {
                f.warn(at.index(i), w + " is above 100; the canary weight stops at 100");
            }
        }
    }

    /** Flagger's maxWeight(): the last of stepWeights capped at 100, else maxWeight, else 100. */
    private static int maxWeight(OptionalInt written, List<Integer> steps, FieldPath at, Fields f) {
        if (!steps.isEmpty()) {
            if (written.isPresent()) {
                f.warn(at.child("maxWeight"), written.getAsInt() + " is ignored when stepWeights is set; the last "
                        + "step (" + steps.get(steps.size() - 1) + ") is the maximum");
            }
            return Math.min(AnalysisSpec.TOTAL_WEIGHT, steps.get(steps.size() - 1));
        }
        return written.isPresent() && written.getAsInt() > 0 ? written.getAsInt() : AnalysisSpec.TOTAL_WEIGHT;
    }

    private static List<AlertRef> alerts(JsonNode node, FieldPath at, Fields f) {
        List<AlertRef> out = new ArrayList<>();
        List<JsonNode> items = f.list(node, at, "alerts");
        for (int i = 0; i < items.size(); i++) {
            out.add(AlertRef.read(items.get(i), at.child("alerts").index(i), f));
        }
        return out;
    }

    private static List<MetricSpec> metrics(JsonNode node, FieldPath at, Fields f) {
        List<MetricSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = f.list(node, at, "metrics");
        for (int i = 0; i < items.size(); i++) {
            MetricSpec m = MetricSpec.read(items.get(i), at.child("metrics").index(i), f);
            if (!m.name().isEmpty() && !names.add(m.name())) {
                f.warn(at.child("metrics").index(i).child("name"), "'" + m.name() + "' is used by an earlier metric "
                        + "too; events and the flagger_canary_metric_analysis gauge cannot tell them apart");
            }
            out.add(m);
        }
        return out;
    }

    private static List<WebhookSpec> webhooks(JsonNode node, FieldPath at, Fields f) {
        List<WebhookSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> items = f.list(node, at, "webhooks");
        for (int i = 0; i < items.size(); i++) {
            WebhookSpec w = WebhookSpec.read(items.get(i), at.child("webhooks").index(i), f);
            if (!w.name().isEmpty() && !names.add(w.name())) {
                f.warn(at.child("webhooks").index(i).child("name"), "'" + w.name() + "' is used by an earlier webhook "
                        + "too; events cannot tell them apart");
            }
            out.add(w);
        }
        return out;
    }

    private static Optional<SessionAffinity> sessionAffinity(JsonNode node, FieldPath at, Fields f) {
        JsonNode s = f.object(node, at, "sessionAffinity");
        return s.isMissingNode() ? Optional.empty()
                : Optional.of(SessionAffinity.read(s, at.child("sessionAffinity"), f));
    }
}
