package dev.sluice.api.validation;

import java.util.Arrays;
import java.util.List;

/**
 * The schema DSL: factories for {@link Schema} and {@link Field}, meant for static import.
 *
 * <pre>{@code
 * object(
 *     required("interval", duration()),
 *     field("prune", bool()),
 *     field("deletionPolicy", enumOf("MirrorPrune", "Delete")).withDefault("MirrorPrune"))
 * }</pre>
 */
public final class Types {

    /** The form Flux's CRDs demand of durations ({@code metav1.Duration} with a pattern). */
    public static final String FLUX_DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
    /** Flux's form for timeouts without hours. */
    public static final String FLUX_TIMEOUT = "^([0-9]+(\\.[0-9]+)?(ms|s|m))+$";

    private Types() {
    }

    public static Schema.Str string() {
        return new Schema.Str(null, null, 0, 0, null);
    }

    public static Schema.Int integer() {
        return new Schema.Int(null, null, null);
    }

    public static Schema.Num number() {
        return new Schema.Num(null, null);
    }

    public static Schema.Num number(Double min, Double max) {
        return new Schema.Num(min, max);
    }

    public static Schema.Bool bool() {
        return new Schema.Bool();
    }

    /** Any Go duration, as Go's {@code time.ParseDuration} accepts it. */
    public static Schema.Duration duration() {
        return new Schema.Duration(null, null);
    }

    /** A duration in the form Flux's CRDs accept: {@code 1h30m}, {@code 500ms}, no sign or bare 0. */
    public static Schema.Duration fluxDuration() {
        return new Schema.Duration(FLUX_DURATION, "a positive duration with units ms, s, m or h, e.g. 30s, 5m or 1h30m");
    }

    /** A Flux timeout: like {@link #fluxDuration()} but without hours. */
    public static Schema.Duration fluxTimeout() {
        return new Schema.Duration(FLUX_TIMEOUT, "a positive duration with units ms, s or m, e.g. 30s or 5m");
    }

    /** A duration with a custom pattern, e.g. Flagger's {@code ^[0-9]+(m|s)}. */
    public static Schema.Duration duration(String pattern, String hint) {
        return new Schema.Duration(pattern, hint);
    }

    public static Schema.Quantity quantity() {
        return new Schema.Quantity();
    }

    public static Schema.IntOrString intOrString() {
        return new Schema.IntOrString();
    }

    public static Schema.Enum enumOf(String... values) {
        return new Schema.Enum(Arrays.asList(values));
    }

    public static Schema.MapOf mapOf(Schema values) {
        return new Schema.MapOf(values);
    }

    /** A map of strings, like labels and annotations. */
    public static Schema.MapOf stringMap() {
        return new Schema.MapOf(string());
    }

    public static Schema.ListOf listOf(Schema items) {
        return new Schema.ListOf(items, 0, 0);
    }

    public static Schema.ListOf stringList() {
        return listOf(string());
    }

    public static Schema.Obj object(Field... fields) {
        return new Schema.Obj(List.of(fields), Schema.Unknown.WARN, List.of(), List.of());
    }

    /** Any value kept as written. */
    public static Schema.Any any() {
        return new Schema.Any(false);
    }

    /** Any mapping kept as written (e.g. Helm values). */
    public static Schema.Any anyObject() {
        return new Schema.Any(true);
    }

    /** An optional field. */
    public static Field field(String name, Schema schema) {
        return new Field(name, schema, false, null, null, null);
    }

    public static Field required(String name, Schema schema) {
        return new Field(name, schema, true, null, null, null);
    }
}
