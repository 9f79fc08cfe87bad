package dev.sluice.local.apps.faces;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Faces smileys by name, as emoji. */
public final class Smileys {

    /** The face shown when a name is unknown, as the original does. */
    public static final String VOMITING = "\uD83E\uDD2E";

    static final Map<String, String> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("Smiling", "\uD83D\uDE03");
        BY_NAME.put("Grinning", "\uD83D\uDE03");
        BY_NAME.put("Sleeping", "\uD83D\uDE34");
        BY_NAME.put("Cursing", "\uD83E\uDD2C");
        BY_NAME.put("Kaboom", "\uD83E\uDD2F");
        BY_NAME.put("HeartEyes", "\uD83D\uDE0D");
        BY_NAME.put("Neutral", "\uD83D\uDE10");
        BY_NAME.put("RollingEyes", "\uD83D\uDE44");
        BY_NAME.put("Screaming", "\uD83D\uDE31");
        BY_NAME.put("Vomiting", VOMITING);
    }

    private Smileys() {
    }

    /**
     * The emoji for a name ({@code HeartEyes}), a code point ({@code U+1F60D}) or an emoji given
     * literally; empty when it is none of those.
     */
    public static Optional<String> lookup(String name) {
        String known = BY_NAME.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        if (name.matches("[Uu]\\+[0-9A-Fa-f]{4,6}")) {
            int cp = Integer.parseInt(name.substring(2), 16);
            return Character.isValidCodePoint(cp) ? Optional.of(Character.toString(cp)) : Optional.empty();
        }
        return name.chars().anyMatch(c -> c > 127) ? Optional.of(name) : Optional.empty();
    }

    public static String named(String name) {
        return BY_NAME.get(name);
    }

    public static String knownNames() {
        return String.join(", ", BY_NAME.keySet());
    }
}
