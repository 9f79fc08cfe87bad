package dev.sluice.api.yaml;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a string, written unquoted, would be read back by go-yaml v2 (YAML 1.1 rules)
 * as something other than a string: a bool ({@code yes}, {@code On}), null ({@code ~}), a number
 * ({@code 0x1F}, {@code 1_000}, {@code .5}), a timestamp ({@code 2001-12-14}) or a base-60 float
 * ({@code 1:20}). Such strings must be double-quoted to survive a round trip; this is how
 * kustomize decides to print {@code "true"} but {@code x,y}.
 *
 * <p>Stateless and thread-safe.
 */
final class YamlPlainResolver {

    private static final Set<String> SPECIAL =
            Set.of(
                    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
                    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
                    "", "~", "null", "Null", "NULL",
                    ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
                    "-.inf", "-.Inf", "-.INF");

    private static final Pattern YAML_FLOAT =
            Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
    private static final Pattern BASE60 =
            Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern TIMESTAMP =
            Pattern.compile(
                    "^[0-9]{4}-([0-9]{1,2})-([0-9]{1,2})"
                            + "(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]{1,9})?(?:Z|[-+][0-9]{2}:[0-9]{2}))"
                            + "|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]{1,9})?))?$");

    private YamlPlainResolver() {}

    /** True if the unquoted string would not read back as the same string. */
    static boolean needsQuotes(String s) {
        if (SPECIAL.contains(s)) {
            return true;
        }
        char c = s.charAt(0);
        if (c == '.') {
            return DOT_FLOAT.matcher(s).matches();
        }
        if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
            return isTimestamp(s) || isNumber(s.replace("_", "")) || BASE60.matcher(s).matches();
        }
        return false;
    }

    private static boolean isTimestamp(String s) {
        var m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return false;
        }
        int month = Integer.parseInt(m.group(1));
        int day = Integer.parseInt(m.group(2));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static boolean isNumber(String plain) {
        if (parsesAsGoInt(plain)) {
            return true;
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            double d = Double.parseDouble(plain);
            return !Double.isInfinite(d); // Go's ParseFloat fails on overflow, leaving a string
        }
        if (plain.startsWith("0b") || plain.startsWith("-0b")) {
            String digits = plain.substring(plain.indexOf('b') + 1);
            return !digits.isEmpty() && digits.chars().allMatch(ch -> ch == '0' || ch == '1');
        }
        return false;
    }

    /** Go's strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeding. */
    private static boolean parsesAsGoInt(String s) {
        String body = s;
        boolean negative = false;
        if (body.startsWith("+") || body.startsWith("-")) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                return false;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (negative) {
            v = v.negate();
        }
        return v.bitLength() < 64 || (!negative && v.signum() >= 0 && v.bitLength() <= 64);
    }
}
