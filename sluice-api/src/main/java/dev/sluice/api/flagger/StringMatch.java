package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One string condition of an HTTP match (Istio's StringMatch): exactly one of exact, prefix, suffix, regex. */
public record StringMatch(Kind kind, String value) {

    /** How {@link #value} is compared. */
    public enum Kind {
        EXACT, PREFIX, SUFFIX, REGEX;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public StringMatch {
        java.util.Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
    }

    public static StringMatch exact(String value) {
        return new StringMatch(Kind.EXACT, value);
    }

    /** Whether {@code candidate} satisfies this condition (regex: the whole value must match, as Envoy does). */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return switch (kind) {
            case EXACT -> candidate.equals(value);
            case PREFIX -> candidate.startsWith(value);
            case SUFFIX -> candidate.endsWith(value);
            case REGEX -> Pattern.compile(value).matcher(candidate).matches();
        };
    }

    static Optional<StringMatch> read(JsonNode node, FieldPath at, Fields f) {
        if (!node.isObject()) {
            f.error(at, "must be a mapping with one of exact, prefix, suffix or regex, got " + Fields.show(node));
            return Optional.empty();
        }
        StringMatch found = null;
        for (Kind k : Kind.values()) {
            if (Fields.present(node, k.wireName())) {
                if (found != null) {
                    f.error(at, "set exactly one of exact, prefix, suffix or regex; found " + found.kind.wireName()
                            + " and " + k.wireName());
                    return Optional.empty();
                }
                found = new StringMatch(k, f.string(node, at, k.wireName(), ""));
            }
        }
        if (found == null) {
            f.error(at, "must have one of exact, prefix, suffix or regex, got " + Fields.show(node));
            return Optional.empty();
        }
        if (found.kind == Kind.REGEX) {
            try {
                Pattern.compile(found.value);
            } catch (PatternSyntaxException e) {
                f.error(at.child("regex"), "'" + found.value + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return Optional.of(found);
    }
}
