package dev.sluice.delivery.canary;

import dev.sluice.api.GoDuration;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.GoFormat;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.api.flagger.ThresholdRange;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import java.time.Duration;

/**
 * Step 20 of the tick: the checks of one analysis step. The first step (no traffic yet) runs the
 * pre-rollout hooks; every later one runs the rollout hooks, then the builtin and inline metrics,
 * then the template metrics, stopping at the first failure, which counts one failed check.
 */
final class Checks {

    private Checks() {
    }

    /** Runs the checks; true when they passed and the tick may go on to the traffic step. */
    static boolean run(Tick t, TrafficSplit routes) {
        AnalysisPlan plan = t.plan;
        boolean mirroring = plan.analysis().mirror() && routes.mirrored();
        if (routes.canaryWeight() == 0 && t.state.iterations() == 0 && !mirroring) {
            t.event(Messages.startingAnalysis(plan.targetDisplayName()));
            for (WebhookSpec h : plan.hooks(HookType.PRE_ROLLOUT)) {
                WebhookResult r = t.hook(h, CanaryPhase.PROGRESSING);
                if (r instanceof WebhookResult.Failed f) {
                    t.warning(Messages.preRolloutFailed(plan.displayName(), h.name(), f.message()));
                    return failed(t);
                }
                t.event(Messages.preRolloutPassed(h.name()));
            }
            return true;
        }
        for (WebhookSpec h : plan.hooks(HookType.ROLLOUT)) {
            if (t.hook(h, CanaryPhase.PROGRESSING) instanceof WebhookResult.Failed f) {
                t.warning(Messages.externalCheckFailed(plan.displayName(), h.name(), f.message()));
                return failed(t);
            }
        }
        if (builtinMetrics(t) && templateMetrics(t)) {
            return true;
        }
        return t.checksDeferred ? false : failed(t);
    }

    private static boolean failed(Tick t) {
        t.setFailedChecks(t.state.failedChecks() + 1);
        return false;
    }

    /** Flagger's runBuiltinMetricChecks: success rate, request duration and inline queries, in spec order. */
    private static boolean builtinMetrics(Tick t) {
        for (MetricSpec m : t.plan.analysis().metrics()) {
            if (m.isSuccessRate() && !successRate(t, m)) {
                return false;
            }
            if (m.isRequestDuration() && !requestDuration(t, m)) {
                return false;
            }
            if (!m.query().isEmpty() && !value(t, m, MetricSource.INLINE_QUERY)) {
                return false;
            }
        }
        return true;
    }

    /** Flagger's runMetricChecks: MetricTemplates; a metric that is none of the kinds is an error. */
    private static boolean templateMetrics(Tick t) {
        for (MetricSpec m : t.plan.analysis().metrics()) {
            if (m.templateRef().isPresent()) {
                if (!value(t, m, MetricSource.TEMPLATE)) {
                    return false;
                }
            } else if (!m.isBuiltin() && m.query().isEmpty()) {
                t.warning(Messages.UNUSABLE_METRIC);
                return false;
            }
        }
        return true;
    }

    private static boolean successRate(Tick t, MetricSpec m) {
        MetricOutcome o = t.metric(m, MetricSource.SUCCESS_RATE);
        if (!(o instanceof MetricOutcome.Value v)) {
            return noValue(t, m, MetricSource.SUCCESS_RATE, o);
        }
        double val = v.value();
        t.effect(new Effect.RecordAnalysis(m.name(), val));
        String halt = "Halt " + t.plan.displayName() + " advancement success rate " + GoFormat.fixed2(val) + "% ";
        if (m.thresholdRange().isPresent()) {
            ThresholdRange r = m.thresholdRange().get();
            if (r.min().isPresent() && val < r.min().getAsDouble()) {
                return halt(t, halt + "< " + GoFormat.number(r.min().getAsDouble()) + "%");
            }
            if (r.max().isPresent() && val > r.max().getAsDouble()) {
                return halt(t, halt + "> " + GoFormat.number(r.max().getAsDouble()) + "%");
            }
        } else if (m.threshold() > val) {
            return halt(t, halt + "< " + GoFormat.number(m.threshold()) + "%");
        }
        return true;
    }

    /** Durations are compared as whole milliseconds, as Flagger converts them. */
    private static boolean requestDuration(Tick t, MetricSpec m) {
        MetricOutcome o = t.metric(m, MetricSource.REQUEST_DURATION);
        if (!(o instanceof MetricOutcome.Value v)) {
            return noValue(t, m, MetricSource.REQUEST_DURATION, o);
        }
        long ms = (long) v.value();
        t.effect(new Effect.RecordAnalysis(m.name(), ms / 1000.0));
        String halt = "Halt " + t.plan.displayName() + " advancement request duration " + ms(ms) + " ";
        if (m.thresholdRange().isPresent()) {
            ThresholdRange r = m.thresholdRange().get();
            if (r.min().isPresent() && ms < (long) r.min().getAsDouble()) {
                return halt(t, halt + "< " + ms((long) r.min().getAsDouble()));
            }
            if (r.max().isPresent() && ms > (long) r.max().getAsDouble()) {
                return halt(t, halt + "> " + ms((long) r.max().getAsDouble()));
            }
        } else if (ms > (long) m.threshold()) {
            return halt(t, halt + "> " + ms((long) m.threshold()));
        }
        return true;
    }

    /** Inline queries and templates: "Halt n.ns advancement <metric> 1.23 > 1". */
    private static boolean value(Tick t, MetricSpec m, MetricSource source) {
        MetricOutcome o = t.metric(m, source);
        if (!(o instanceof MetricOutcome.Value v)) {
            return noValue(t, m, source, o);
        }
        double val = v.value();
        t.effect(new Effect.RecordAnalysis(m.name(), val));
        String halt = "Halt " + t.plan.displayName() + " advancement " + m.name() + " " + GoFormat.fixed2(val) + " ";
        if (m.thresholdRange().isPresent()) {
            ThresholdRange r = m.thresholdRange().get();
            if (r.min().isPresent() && val < r.min().getAsDouble()) {
                return halt(t, halt + "< " + GoFormat.number(r.min().getAsDouble()));
            }
            if (r.max().isPresent() && val > r.max().getAsDouble()) {
                return halt(t, halt + "> " + GoFormat.number(r.max().getAsDouble()));
            }
        } else if (val > m.threshold()) {
            return halt(t, halt + "> " + GoFormat.number(m.threshold()));
        }
        return true;
    }

    private static boolean halt(Tick t, String message) {
        t.warning(message);
        return false;
    }

    /**
     * Insufficient data and query failures are failed checks, except a metrics source still warming
     * up after its own start, which halts the step without counting (see {@code Reason.WARMING_UP}). Empty and NaN results keep Flagger's
     * "no values found" text, with the reason; several series (Flagger: a query error) say so.
     */
    private static boolean noValue(Tick t, MetricSpec m, MetricSource source, MetricOutcome o) {
        AnalysisPlan p = t.plan;
        if (o instanceof MetricOutcome.Failed f) {
            return halt(t, switch (source) {
                case SUCCESS_RATE, REQUEST_DURATION -> "Prometheus query failed: " + f.cause();
                case INLINE_QUERY -> "Prometheus query failed for " + m.name() + ": " + f.cause();
                case TEMPLATE -> "Metric query failed for " + m.name() + ": " + f.cause();
            });
        }
        MetricResult.InsufficientData d = ((MetricOutcome.Insufficient) o).data();
        if (d.reason() == MetricResult.Reason.WARMING_UP) {
            t.checksDeferred = true;
            return halt(t, "Halt " + p.displayName() + " advancement waiting for metric " + m.name() + ": "
                    + d.describe() + "; not counted as a failed check");
        }
        if (d.reason() == MetricResult.Reason.MULTIPLE_SERIES) {
            return halt(t, "Halt " + p.displayName() + " advancement insufficient data for metric " + m.name()
                    + ": " + d.describe());
        }
        String why = "insufficient data: " + d.describe();
        return halt(t, switch (source) {
            case SUCCESS_RATE, REQUEST_DURATION -> "Halt advancement no values found for " + p.metricsProvider()
                    + " metric " + m.name() + " probably " + p.targetDisplayName() + " is not receiving traffic: "
                    + why;
            case INLINE_QUERY -> "Halt advancement no values found for metric: " + m.name() + ": " + why;
            case TEMPLATE -> "Halt advancement no values found for custom metric: " + m.name() + ": " + why;
        });
    }

    private static String ms(long millis) {
        return GoDuration.format(Duration.ofMillis(millis));
    }
}
