package dev.sluice.local.mesh.route;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a header, cookie or query value is compared.
 *
 * @param type  {@link Type#EXACT}, {@link Type#REGEX} (the whole value must match, as Gateway API
 *              and Istio do) or {@link Type#REGEX_FIND} (a match anywhere, as ingress-nginx does)
 * @param value the literal or the Java regular expression
 */
public record StringMatch(Type type, String value) {

    public enum Type { EXACT, REGEX, REGEX_FIND }

    public StringMatch {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type != Type.EXACT) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + value + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
    }

    public static StringMatch exact(String value) {
        return new StringMatch(Type.EXACT, value);
    }

    public static StringMatch regex(String value) {
        return new StringMatch(Type.REGEX, value);
    }

    public static StringMatch regexFind(String value) {
        return new StringMatch(Type.REGEX_FIND, value);
    }
}
