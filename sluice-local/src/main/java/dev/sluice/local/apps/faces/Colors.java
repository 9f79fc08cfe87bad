package dev.sluice.local.apps.faces;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Faces palette (colour-blind friendly) by name; hex codes and CSS colour names pass through. */
public final class Colors {

    static final Map<String, String> PALETTE = Map.of(
            "grey", "#BBBBBB",
            "black", "#000000",
            "white", "#FFFFFF",
            "darkblue", "#4477AA",
            "blue", "#66CCEE",
            "green", "#228833",
            "yellow", "#CCBB44",
            "red", "#EE6677",
            "purple", "#AA3377");

    private Colors() {
    }

    /**
     * The CSS colour for a palette name ({@code green} → {@code #228833}), a hex code
     * ({@code #E0FFFF}) or another CSS colour name ({@code lightcyan}); empty for anything else.
     */
    public static Optional<String> lookup(String name) {
        String n = name.strip();
        String known = PALETTE.get(n.toLowerCase(Locale.ROOT));
        if (known != null) {
            return Optional.of(known);
        }
        if (n.matches("#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})")) {
            return Optional.of(n);
        }
        return n.matches("[A-Za-z]{3,30}") ? Optional.of(n.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    public static String named(String name) {
        return PALETTE.get(name);
    }
}
