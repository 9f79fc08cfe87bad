package dev.sluice.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** How values are shown in messages: strings quoted and shortened, containers named. */
public final class Values {

    /** Longer strings are cut, so that a pasted certificate does not flood the terminal. */
    static final int MAX_SHOWN = 80;

    private Values() {
    }

    /** {@code '10x'}, {@code 5}, {@code true}, {@code null}, {@code a mapping}, {@code a list}. */
    public static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return quote(v.asText());
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }

    /** A string in single quotes, with line breaks shown as {@code \n} and long text cut. */
    public static String quote(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        if (one.codePointCount(0, one.length()) > MAX_SHOWN) {
            one = one.substring(0, one.offsetByCodePoints(0, MAX_SHOWN)) + "...";
        }
        return "'" + one + "'";
    }

    /** What kind of value it is, for "expected X, got Y" messages. */
    public static String kindOf(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return show(v);
    }
}
