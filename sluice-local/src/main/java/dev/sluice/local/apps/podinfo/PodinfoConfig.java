package dev.sluice.local.apps.podinfo;

import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.ImageRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * podinfo's settings, read as podinfo reads them: a flag ({@code --ui-color=#34577c}) in the
 * container's command or args, else {@code PODINFO_<FLAG>} ({@code PODINFO_UI_COLOR}), else the default.
 *
 * @param version from the image tag ({@code ghcr.io/stefanprodan/podinfo:6.5.0} → {@code 6.5.0})
 */
record PodinfoConfig(String version, String color, String message, String logo, boolean randomError, boolean randomDelay,
                     int randomDelayMin, int randomDelayMax, String hostname) {

    static PodinfoConfig from(AppContext ctx) {
        Map<String, String> flags = flags(ctx.args());
        String version = ImageRef.parse(ctx.image()).tagOrLatest();
        if (version.matches("v\\d.*")) {
            version = version.substring(1);
        }
        return new PodinfoConfig(version,
                setting(flags, ctx, "ui-color", "#34577c"),
                setting(flags, ctx, "ui-message", "greetings from podinfo v" + version),
                setting(flags, ctx, "ui-logo", ""),
                bool(setting(flags, ctx, "random-error", "false")),
                bool(setting(flags, ctx, "random-delay", "false")),
                integer(setting(flags, ctx, "random-delay-min", "0"), 0),
                integer(setting(flags, ctx, "random-delay-max", "5"), 5),
                ctx.podName());
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> out = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                out.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            }
        }
        return out;
    }

    private static String setting(Map<String, String> flags, AppContext ctx, String flag, String fallback) {
        String f = flags.get(flag);
        if (f != null) {
            return f;
        }
        return ctx.env("PODINFO_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'), fallback);
    }

    private static boolean bool(String v) {
        return v.strip().equalsIgnoreCase("true") || v.strip().equals("1");
    }

    private static int integer(String v, int fallback) {
        try {
            return Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
