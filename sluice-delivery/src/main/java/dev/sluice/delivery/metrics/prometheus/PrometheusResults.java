package dev.sluice.delivery.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricResult;

/** Reads the {@code data} of a Prometheus query answer into one value or insufficient data. */
final class PrometheusResults {

    private PrometheusResults() {
    }

    static MetricResult read(JsonNode data) throws MetricException {
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> sample(result);
            case "vector" -> {
                if (result.isEmpty()) {
                    yield MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
                }
                if (result.size() > 1) {
                    yield new MetricResult.InsufficientData(MetricResult.Reason.MULTIPLE_SERIES,
                            result.size() + " series");
                }
                yield sample(result.get(0).path("value"));
            }
            case "matrix" -> new MetricResult.InsufficientData(MetricResult.Reason.MULTIPLE_SERIES,
                    "a range vector; the query must return one instant value");
            default -> throw new MetricException("prometheus answer has an unexpected result type '" + type + "'");
        };
    }

    /** {@code [<unix time>, "<value>"]}. */
    private static MetricResult sample(JsonNode pair) throws MetricException {
        JsonNode v = pair.path(1);
        if (!v.isTextual()) {
            throw new MetricException("prometheus answer has a malformed sample: " + pair);
        }
        String text = v.asText();
        double d;
        try {
            d = switch (text) {
                case "NaN" -> Double.NaN;
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException e) {
            throw new MetricException("prometheus answer has a sample that is not a number: '" + text + "'");
        }
        if (Double.isNaN(d)) {
            return MetricResult.insufficient(MetricResult.Reason.NAN);
        }
        if (Double.isInfinite(d)) {
            return new MetricResult.InsufficientData(MetricResult.Reason.NAN, "the value is " + text);
        }
        return MetricResult.value(d);
    }
}
