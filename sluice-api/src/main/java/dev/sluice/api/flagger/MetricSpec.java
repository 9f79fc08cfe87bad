package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One metric check of {@code spec.analysis.metrics}.
 *
 * @param interval          the query window as written into PromQL ({@code [1m]}); default {@code 1m}
 * @param threshold         deprecated single bound: a minimum for {@code request-success-rate}, a
 *                          maximum for everything else; 0 when unset, as in Flagger
 * @param thresholdRange    the accepted range, preferred over {@code threshold}
 * @param query             deprecated inline PromQL, run against the Canary's metrics server
 * @param templateRef       a MetricTemplate holding provider and query
 * @param templateVariables values for {@code {{ variables.key }}} in the template
 */
public record MetricSpec(String name, String interval, double threshold, Optional<ThresholdRange> thresholdRange,
                         String query, Optional<CrossNamespaceRef> templateRef, Map<String, String> templateVariables) {

    public static final String REQUEST_SUCCESS_RATE = "request-success-rate";
    public static final String REQUEST_DURATION = "request-duration";
    public static final String DEFAULT_INTERVAL = "1m";
    static final Set<String> FIELDS = Set.of("name", "interval", "threshold", "thresholdRange", "query",
            "templateRef", "templateVariables");

    public MetricSpec {
        interval = interval == null || interval.isEmpty() ? DEFAULT_INTERVAL : interval;
        query = query == null ? "" : query;
        templateVariables = Map.copyOf(templateVariables);
    }

    /** A builtin success-rate check with a minimum, the most common form. */
    public static MetricSpec successRate(double min, String interval) {
        return new MetricSpec(REQUEST_SUCCESS_RATE, interval, 0, Optional.of(ThresholdRange.atLeast(min)), "",
                Optional.empty(), Map.of());
    }

    /** A builtin P99 latency check with a maximum in milliseconds. */
    public static MetricSpec requestDuration(double maxMillis, String interval) {
        return new MetricSpec(REQUEST_DURATION, interval, 0, Optional.of(ThresholdRange.atMost(maxMillis)), "",
                Optional.empty(), Map.of());
    }

    public boolean isSuccessRate() {
        return REQUEST_SUCCESS_RATE.equals(name);
    }

    public boolean isRequestDuration() {
        return REQUEST_DURATION.equals(name);
    }

    public boolean isBuiltin() {
        return isSuccessRate() || isRequestDuration();
    }

    static MetricSpec read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        String name = f.requiredString(node, at, "name");
        String interval = f.string(node, at, "interval", DEFAULT_INTERVAL);
        Optional<Duration> window = f.duration(node, at, "interval");
        if (window.isPresent() && window.get().compareTo(Duration.ofSeconds(1)) < 0) {
            f.error(at.child("interval"), "'" + interval + "' must be at least 1s (it is a PromQL range)");
        }
        OptionalDouble threshold = f.number(node, at, "threshold");
        Optional<ThresholdRange> range = readRange(node, at, f);
        String query = f.string(node, at, "query", "");
        Optional<CrossNamespaceRef> templateRef = Optional.empty();
        JsonNode ref = f.object(node, at, "templateRef");
        if (!ref.isMissingNode()) {
            templateRef = Optional.of(CrossNamespaceRef.read(ref, at.child("templateRef"), f));
        }
        if (threshold.isPresent()) {
            f.warn(at.child("threshold"), "is deprecated; use thresholdRange."
                    + (name.equals(REQUEST_SUCCESS_RATE) ? "min" : "max") + " instead");
        }
        if (!query.isEmpty()) {
            f.warn(at.child("query"), "is deprecated; use templateRef with a MetricTemplate instead");
        }
        if (!name.isEmpty() && !name.equals(REQUEST_SUCCESS_RATE) && !name.equals(REQUEST_DURATION)
                && query.isEmpty() && templateRef.isEmpty()) {
            f.error(at, "metric '" + name + "' needs a templateRef (or the deprecated query): only "
                    + REQUEST_SUCCESS_RATE + " and " + REQUEST_DURATION + " are builtin");
        }
        if (range.isEmpty() && threshold.isEmpty() && !name.isEmpty()) {
            f.warn(at, "metric '" + name + "' has neither thresholdRange nor threshold; "
                    + (name.equals(REQUEST_SUCCESS_RATE) ? "any value passes" : "any value above 0 fails"));
        }
        return new MetricSpec(name, interval, threshold.orElse(0), range, query, templateRef,
                f.stringMap(node, at, "templateVariables"));
    }

    private static Optional<ThresholdRange> readRange(JsonNode node, FieldPath at, Fields f) {
        JsonNode r = f.object(node, at, "thresholdRange");
        if (r.isMissingNode()) {
            return Optional.empty();
        }
        FieldPath p = at.child("thresholdRange");
        f.known(r, p, Set.of("min", "max"));
        OptionalDouble min = f.number(r, p, "min");
        OptionalDouble max = f.number(r, p, "max");
        if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
            f.error(p.child("min"), GoFormat.number(min.getAsDouble()) + " must be <= max ("
                    + GoFormat.number(max.getAsDouble()) + ")");
        }
        if (min.isEmpty() && max.isEmpty()) {
            f.warn(p, "has neither min nor max, so every value passes");
        }
        return Optional.of(new ThresholdRange(min, max));
    }
}
