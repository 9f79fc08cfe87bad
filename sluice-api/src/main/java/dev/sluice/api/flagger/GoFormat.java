package dev.sluice.api.flagger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers printed as Flagger's Go code prints them, so messages read the same: {@code %v} of a
 * float64 ({@code 70}, {@code 99.5}, {@code 1e-05}) and {@code %.2f} ({@code 98.69}).
 */
public final class GoFormat {

    private GoFormat() {
    }

    /** Go's {@code %v} for a float64: the shortest representation, exponent outside [1e-4, 1e21). */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        BigDecimal shortest = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (abs >= 1e-4 && abs < 1e21) {
            return shortest.toPlainString();
        }
        // Go writes d.ddde±XX with at least two exponent digits.
        int exponent = shortest.precision() - shortest.scale() - 1;
        BigDecimal mantissa = shortest.movePointLeft(exponent).stripTrailingZeros();
        String exp = String.format("%02d", Math.abs(exponent));
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /** Go's {@code %.2f}: two decimals, half-even on the binary value as Go rounds. */
    public static String fixed2(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return number(v);
        }
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
