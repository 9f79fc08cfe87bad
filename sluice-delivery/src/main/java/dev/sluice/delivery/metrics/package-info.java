/**
 * Metric ports: {@link dev.sluice.delivery.metrics.MetricProvider} runs rendered queries against a
 * backend and answers a {@link dev.sluice.delivery.metrics.MetricResult} — a value or an explicit
 * "insufficient data", never a silent zero. {@link dev.sluice.delivery.metrics.QueryVariables} holds
 * what templates are rendered with. The builtin checks ({@code request-success-rate},
 * {@code request-duration}) are per-provider queries rendered with the same variables.
 */
package dev.sluice.delivery.metrics;
