/**
 * The Flagger kinds of the compatibility contract (flagger.app/v1beta1): {@link
 * dev.sluice.api.flagger.Canary}, {@link dev.sluice.api.flagger.MetricTemplate} and {@link
 * dev.sluice.api.flagger.AlertProvider} as read-only records, parsed by their {@code *KindModel} with
 * Flagger's defaults applied and every semantic rule checked. Each finding names the field path, the
 * value and the expectation, e.g. {@code spec.analysis.stepWeight: 70 must be <= maxWeight (50)};
 * errors reject the object, warnings (deprecated fields, values Flagger silently clamps, unknown
 * fields with a did-you-mean) are returned with it.
 */
package dev.sluice.api.flagger;
