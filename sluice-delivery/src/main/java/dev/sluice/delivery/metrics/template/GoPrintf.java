package dev.sluice.delivery.metrics.template;

import java.util.List;
import java.util.Map;

/** Go's fmt verbs used in templates: {@code %s %v %d %q %f %g %t %%}, and Go's default value printing. */
final class GoPrintf {

    private GoPrintf() {
    }

    static String format(String format, List<Object> args) {
        StringBuilder b = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                b.append(c);
                continue;
            }
            char verb = format.charAt(++i);
            if (verb == '%') {
                b.append('%');
                continue;
            }
            if (arg >= args.size()) {
                b.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object v = args.get(arg++);
            switch (verb) {
                case 's', 'v' -> b.append(value(v));
                case 'd' -> b.append(v instanceof Long l ? l.toString() : "%!d(" + type(v) + "=" + value(v) + ")");
                case 'q' -> b.append('"').append(value(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                case 'f' -> b.append(v instanceof Number n ? String.format(java.util.Locale.ROOT, "%f", n.doubleValue())
                        : "%!f(" + type(v) + "=" + value(v) + ")");
                case 'g' -> b.append(v instanceof Number n ? value(n.doubleValue()) : "%!g(" + type(v) + "=" + value(v) + ")");
                case 't' -> b.append(v instanceof Boolean t ? t.toString() : "%!t(" + type(v) + "=" + value(v) + ")");
                default -> b.append("%!").append(verb).append("(").append(type(v)).append("=").append(value(v)).append(")");
            }
        }
        if (arg < args.size()) {
            b.append("%!(EXTRA ");
            for (int k = arg; k < args.size(); k++) {
                b.append(k > arg ? ", " : "").append(type(args.get(k))).append("=").append(value(args.get(k)));
            }
            b.append(")");
        }
        return b.toString();
    }

    /** How Go prints a value with {@code {{ }}} or %v. */
    static String value(Object v) {
        return switch (v) {
            case null -> "<no value>";
            case String s -> s;
            case Double d -> d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21
                    ? Long.toString(d.longValue()) : d.toString().replace("E", "e+").replace("e+-", "e-");
            case Map<?, ?> m -> {
                StringBuilder b = new StringBuilder("map[");
                new java.util.TreeMap<>(m).forEach((k, x) -> b.append(b.length() > 4 ? " " : "").append(k).append(':')
                        .append(value(x)));
                yield b.append(']').toString();
            }
            default -> v.toString();
        };
    }

    static String type(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> "string";
            case Long l -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case Map<?, ?> m -> "map[string]string";
            default -> v.getClass().getSimpleName();
        };
    }
}
