package dev.sluice.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers as kustomize prints them. kustomize turns a resource into JSON (Go's encoding/json) and
 * that JSON into YAML (go-yaml v2), so a float with an integral value such as {@code 1.0} comes out
 * as {@code 1}, and other floats use Go's shortest {@code %g} form ({@code 1e-07}).
 */
final class GoNumbers {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoNumbers() {}

    static String format(JsonNode n) {
        if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            if (v.bitLength() < 64 || (v.signum() > 0 && v.compareTo(UINT64_MAX) <= 0)) {
                return v.toString();
            }
            return formatG(v.doubleValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            // encoding/json prints it without a fraction; go-yaml then reads an integer back.
            BigInteger v = new BigDecimal(d).toBigIntegerExact();
            if (v.bitLength() < 64 || (v.signum() > 0 && v.compareTo(UINT64_MAX) <= 0)) {
                return v.toString();
            }
        }
        return formatG(d);
    }

    /** Go's strconv.FormatFloat(d, 'g', -1, 64). */
    static String formatG(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - bd.scale() - 1; // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) { // Go: shortest %g switches to %e at precision 6
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String es = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            return sign + mant + "e" + es;
        }
        return sign + bd.toPlainString();
    }
}
