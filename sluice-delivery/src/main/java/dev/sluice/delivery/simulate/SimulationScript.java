package dev.sluice.delivery.simulate;

import java.util.List;

/**
 * How the simulated world behaves, tick by tick: values in force from the start ({@link #defaults}),
 * and overrides for one tick ({@code at}) or from a tick on ({@code from}, optionally {@code to}).
 * Tick 0 is the tick that detects the new revision. See {@link ScriptReader} for the file format.
 *
 * @param maxTicks the simulation stops, Incomplete, after this many ticks
 */
public record SimulationScript(TickInputs defaults, List<Override> overrides, int maxTicks) {

    public static final int DEFAULT_MAX_TICKS = 1_000;

    /** Values for ticks {@code from} to {@code to} (inclusive); {@code once} marks an {@code at} entry. */
    public record Override(int from, int to, boolean once, TickInputs inputs) {

        boolean covers(int tick) {
            return tick >= from && tick <= to;
        }
    }

    public SimulationScript {
        overrides = List.copyOf(overrides);
        if (maxTicks < 1) {
            throw new IllegalArgumentException("maxTicks must be >= 1, got " + maxTicks);
        }
    }

    /** A healthy world with a constant success rate and latency. */
    public static SimulationScript constant(double successRatePercent, double latencyMs) {
        return new SimulationScript(TickInputs.HEALTHY.withSuccessRate(successRatePercent).withLatencyMs(latencyMs),
                List.of(), DEFAULT_MAX_TICKS);
    }

    public static SimulationScript healthy() {
        return new SimulationScript(TickInputs.HEALTHY, List.of(), DEFAULT_MAX_TICKS);
    }

    /** Reads the documented YAML or JSON format; errors name the file, the field and the value. */
    public static SimulationScript parse(String text, String source) {
        return ScriptReader.read(text, source);
    }

    /** The same script with the success rate of every tick's default replaced (CLI --success-rate). */
    public SimulationScript withSuccessRate(double percent) {
        return new SimulationScript(defaults.withSuccessRate(percent), overrides, maxTicks);
    }

    /** The same script with the default latency replaced (CLI --latency-ms). */
    public SimulationScript withLatencyMs(double ms) {
        return new SimulationScript(defaults.withLatencyMs(ms), overrides, maxTicks);
    }

    /** What the world answers at {@code tick}: defaults, then {@code from} overrides in order, then {@code at}. */
    public TickInputs at(int tick) {
        TickInputs in = defaults.merge(TickInputs.NONE);
        for (Override o : overrides) {
            if (!o.once() && o.covers(tick)) {
                in = in.merge(o.inputs());
            }
        }
        for (Override o : overrides) {
            if (o.once() && o.covers(tick)) {
                in = in.merge(o.inputs());
            }
        }
        return in;
    }
}
