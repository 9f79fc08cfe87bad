package dev.sluice.api;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages that end up in logs, events, conditions and alerts: passwords
 * in URLs ({@code https://user:***@host/...}) and known secret values quoted back by a server.
 * Stateless and thread-safe.
 */
public final class Redaction {

    /** What stands in for a removed credential. */
    public static final String MASK = "***";

    private static final Pattern URL_PASSWORD = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:\\s]*):[^/@\\s]*@");
    /** Shorter values are too likely to be ordinary words to be replaced everywhere. */
    private static final int MIN_SECRET = 4;

    private Redaction() {
    }

    /** Every {@code scheme://user:password@} in {@code text} with the password masked. */
    public static String urls(String text) {
        return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
    }

    /** {@code text} with every occurrence of each secret (of at least 4 characters) masked. */
    public static String values(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_SECRET) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
