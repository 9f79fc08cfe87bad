package dev.sluice.delivery.metrics.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions a metric query can call: Flagger's variables ({@code name namespace target service
 * ingress route interval variables}) and a few Go builtins ({@code printf print len index eq ne not
 * and or}).
 */
final class Functions {

    static final List<String> VARIABLE_NAMES = List.of("name", "namespace", "target", "service", "ingress", "route",
            "interval", "variables");
    static final String BUILTINS = "printf, print, len, index, eq, ne, not, and, or";
    private static final Set<String> BUILTIN_SET = Set.of("printf", "print", "len", "index", "eq", "ne", "not", "and",
            "or");

    private Functions() {
    }

    static boolean exists(String name) {
        return VARIABLE_NAMES.contains(name) || BUILTIN_SET.contains(name);
    }

    /** Calls {@code name}; {@code vars} are the query variables. */
    static Object call(String name, List<Object> args, Map<String, Object> vars, String where) throws TemplateException {
        if (VARIABLE_NAMES.contains(name)) {
            if (!args.isEmpty()) {
                throw new TemplateException(where + "wrong number of args for " + name + ": want 0 got " + args.size());
            }
            return vars.get(name);
        }
        return switch (name) {
            case "printf" -> {
                if (args.isEmpty() || !(args.get(0) instanceof String format)) {
                    throw new TemplateException(where + "printf needs a format string");
                }
                yield GoPrintf.format(format, args.subList(1, args.size()));
            }
            case "print" -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    boolean strings = i > 0 && args.get(i) instanceof String && args.get(i - 1) instanceof String;
                    if (i > 0 && !strings) {
                        b.append(' ');
                    }
                    b.append(GoPrintf.value(args.get(i)));
                }
                yield b.toString();
            }
            case "len" -> {
                arity(name, args, 1, where);
                Object v = args.get(0);
                if (v instanceof String s) {
                    yield (long) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
                if (v instanceof Map<?, ?> m) {
                    yield (long) m.size();
                }
                throw new TemplateException(where + "error calling len: len of type " + GoPrintf.type(v));
            }
            case "index" -> {
                arity(name, args, 2, where);
                if (!(args.get(0) instanceof Map<?, ?> m)) {
                    throw new TemplateException(where + "error calling index: can't index item of type "
                            + GoPrintf.type(args.get(0)));
                }
                yield m.containsKey(args.get(1)) ? m.get(args.get(1)) : "";
            }
            case "eq" -> {
                arity(name, args, 2, where);
                yield Objects.equals(args.get(0), args.get(1));
            }
            case "ne" -> {
                arity(name, args, 2, where);
                yield !Objects.equals(args.get(0), args.get(1));
            }
            case "not" -> {
                arity(name, args, 1, where);
                yield !truth(args.get(0));
            }
            case "and" -> {
                Object last = null;
                for (Object a : args) {
                    last = a;
                    if (!truth(a)) {
                        break;
                    }
                }
                yield last;
            }
            case "or" -> {
                Object last = null;
                for (Object a : args) {
                    last = a;
                    if (truth(a)) {
                        break;
                    }
                }
                yield last;
            }
            default -> throw new TemplateException(where + "function \"" + name + "\" not defined");
        };
    }

    private static void arity(String name, List<Object> args, int want, String where) throws TemplateException {
        if (args.size() != want) {
            throw new TemplateException(where + "wrong number of args for " + name + ": want " + want + " got "
                    + args.size());
        }
    }

    /** Go's truth: false, 0, nil and empty strings or maps are false. */
    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Long l -> l != 0;
            case Double d -> d != 0;
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /** A sorted copy, as Go prints and iterates maps. */
    static Map<String, String> sorted(Map<String, String> m) {
        return new TreeMap<>(m);
    }
}
