package dev.sluice.local.apps.faces;

import dev.sluice.local.apps.AppStartException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Faces fault-injection knobs, read from the environment.
 *
 * @param errorFraction percent of requests answered 500 ({@code ERROR_FRACTION}, 0-100)
 * @param latchFraction percent of those errors that latch the replica into answering 599 until it
 *                      has been idle for 30 s ({@code LATCH_FRACTION})
 * @param delayBuckets  milliseconds, one picked at random per request ({@code DELAY_BUCKETS})
 * @param maxRate       requests per second above which requests get 429 ({@code MAX_RATE}); 0 = none
 * @param userHeader    the header naming the user ({@code USER_HEADER_NAME}, default {@code X-Faces-User})
 */
public record FacesKnobs(int errorFraction, int latchFraction, List<Integer> delayBuckets, double maxRate, String userHeader) {

    public FacesKnobs {
        delayBuckets = List.copyOf(delayBuckets);
    }

    public static FacesKnobs none() {
        return new FacesKnobs(0, 0, List.of(), 0, "X-Faces-User");
    }

    /** @throws AppStartException naming the variable, its value and what was expected */
    public static FacesKnobs from(Map<String, String> env) {
        return new FacesKnobs(percent(env, "ERROR_FRACTION"), percent(env, "LATCH_FRACTION"), buckets(env),
                rate(env), env.getOrDefault("USER_HEADER_NAME", "X-Faces-User"));
    }

    private static int percent(Map<String, String> env, String name) {
        String v = env.getOrDefault(name, "").strip();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AppStartException("env " + name + "='" + v + "' is not a percentage; expected an integer from 0 to 100");
    }

    private static List<Integer> buckets(Map<String, String> env) {
        String v = env.getOrDefault("DELAY_BUCKETS", "").strip();
        List<Integer> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        for (String part : v.split(",")) {
            try {
                out.add(Math.max(0, Integer.parseInt(part.strip())));
            } catch (NumberFormatException e) {
                throw new AppStartException("env DELAY_BUCKETS='" + v + "' has '" + part.strip()
                        + "', not a number; expected milliseconds separated by commas, e.g. 0,5,10,50,200");
            }
        }
        return out;
    }

    private static double rate(Map<String, String> env) {
        String v = env.getOrDefault("MAX_RATE", "").strip();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            double r = Double.parseDouble(v);
            if (r >= 0 && Double.isFinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AppStartException("env MAX_RATE='" + v + "' is not a rate; expected requests per second, e.g. 10 or 2.5");
    }
}
