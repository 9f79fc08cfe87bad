package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.api.flagger.ThresholdRange;
import dev.sluice.delivery.canary.AnalysisPlan;
import dev.sluice.delivery.canary.MetricOutcome;
import dev.sluice.delivery.canary.MetricSource;
import dev.sluice.delivery.canary.Probe;
import dev.sluice.delivery.canary.ProbeResolver;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.webhook.WebhookResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers the probes of one tick: webhooks through the {@link dev.sluice.delivery.webhook.WebhookClient},
 * metric checks through the {@link MetricMeasurer} (builtin checks and inline queries on the Canary's
 * metrics server, template metrics through their MetricTemplate's provider). Every failure is an
 * answer ({@link WebhookResult.Failed}, {@link MetricOutcome.Failed}), never an exception. Remembers what it measured for the tick's
 * {@link AnalysisTick} record. One instance per tick; not thread-safe.
 */
final class ProbeAnswers implements ProbeResolver {

    private final CanaryAdapters adapters;
    private final Canary canary;
    private final AnalysisPlan plan;
    private final List<AnalysisTick.MetricSample> samples = new ArrayList<>();
    private final List<AnalysisTick.HookOutcome> hooks = new ArrayList<>();

    ProbeAnswers(CanaryAdapters adapters, Canary canary, AnalysisPlan plan) {
        this.adapters = adapters;
        this.canary = canary;
        this.plan = plan;
    }

    @Override
    public WebhookResult call(Probe.Hook probe) {
        WebhookResult r;
        try {
            r = adapters.webhooks().call(probe.hook(), probe.payload());
        } catch (RuntimeException e) {
            r = WebhookResult.failed(String.valueOf(e.getMessage()));
        }
        hooks.add(outcome(probe.hook().name(), probe.hook().type().wireName(), r));
        return r;
    }

    static AnalysisTick.HookOutcome outcome(String name, String type, WebhookResult r) {
        return new AnalysisTick.HookOutcome(name, type, r.isPassed(),
                r instanceof WebhookResult.Failed f ? f.message() : "");
    }

    @Override
    public MetricOutcome measure(Probe.Metric probe) {
        MetricSpec m = probe.metric();
        MetricMeasurer measurer = adapters.metrics();
        MetricOutcome o;
        try {
            o = MetricOutcome.of(switch (probe.source()) {
                case SUCCESS_RATE, REQUEST_DURATION -> measurer.builtin(canary, plan.metricsProvider(), m);
                case INLINE_QUERY -> measurer.inline(canary, m);
                case TEMPLATE -> measurer.template(canary, m);
            });
        } catch (MetricException e) {
            o = new MetricOutcome.Failed(e.getMessage());
        } catch (RuntimeException e) {
            o = new MetricOutcome.Failed(e.toString());
        }
        samples.add(sample(m, probe.source(), o));
        return o;
    }

    /**
     * Flagger's checkMetricProviderAvailability: the metrics server when a builtin check is used, and
     * every template's provider.
     *
     * @return the error, in Flagger's words; empty when all answer
     */
    Optional<String> checkProviders() {
        try {
            adapters.metrics().checkOnline(canary);
            return Optional.empty();
        } catch (MetricException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of(e.toString());
        }
    }

    /** The checked value against its bounds, as the dashboard charts it (durations in milliseconds). */
    private static AnalysisTick.MetricSample sample(MetricSpec m, MetricSource source, MetricOutcome o) {
        Double min = null;
        Double max = null;
        if (m.thresholdRange().isPresent()) {
            ThresholdRange r = m.thresholdRange().get();
            min = r.min().isPresent() ? r.min().getAsDouble() : null;
            max = r.max().isPresent() ? r.max().getAsDouble() : null;
        } else if (source == MetricSource.SUCCESS_RATE) {
            min = m.threshold();
        } else {
            max = m.threshold();
        }
        return switch (o) {
            case MetricOutcome.Value v -> {
                double value = source == MetricSource.REQUEST_DURATION ? (long) v.value() : v.value();
                String below = min != null && value < min ? value + " < " + min : "";
                String above = max != null && value > max ? value + " > " + max : "";
                boolean pass = below.isEmpty() && above.isEmpty();
                yield new AnalysisTick.MetricSample(m.name(), value, min, max,
                        pass ? AnalysisTick.Verdict.PASS : AnalysisTick.Verdict.FAIL, below + above);
            }
            case MetricOutcome.Insufficient i -> new AnalysisTick.MetricSample(m.name(), null, min, max,
                    AnalysisTick.Verdict.INSUFFICIENT_DATA, i.data().describe());
            case MetricOutcome.Failed f -> new AnalysisTick.MetricSample(m.name(), null, min, max,
                    AnalysisTick.Verdict.FAIL, f.cause());
        };
    }

    List<AnalysisTick.MetricSample> samples() {
        return List.copyOf(samples);
    }

    List<AnalysisTick.HookOutcome> hooks() {
        return hooks;
    }
}
