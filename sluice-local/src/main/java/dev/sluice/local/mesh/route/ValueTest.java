package dev.sluice.local.mesh.route;

import java.util.regex.Pattern;

/** A compiled {@link StringMatch}. Immutable and thread-safe. */
final class ValueTest {

    private final StringMatch.Type type;
    private final String literal;
    private final Pattern pattern;

    ValueTest(StringMatch match) {
        this.type = match.type();
        this.literal = match.value();
        this.pattern = match.type() == StringMatch.Type.EXACT ? null : Pattern.compile(match.value());
    }

    boolean test(String value) {
        if (value == null) {
            return false;
        }
        return switch (type) {
            case EXACT -> literal.equals(value);
            case REGEX -> pattern.matcher(value).matches();
            case REGEX_FIND -> pattern.matcher(value).find();
        };
    }
}
