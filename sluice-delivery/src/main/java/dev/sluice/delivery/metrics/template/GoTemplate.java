package dev.sluice.delivery.metrics.template;

import dev.sluice.delivery.metrics.QueryVariables;
import dev.sluice.delivery.metrics.template.Nodes.Node;
import dev.sluice.delivery.metrics.template.Nodes.Operand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric query template, rendered as Flagger renders it: Go text/template with
 * {@code missingkey=error} and the functions {@code name namespace target service ingress route
 * interval variables} ({@code {{ variables.key }}} reads a templateVariable; a missing key is an
 * error naming it). Supported: text, trim markers {@code {{-} and {@code -}}}, comments, pipelines
 * with {@code |}, parentheses, {@code $var :=}, string and number literals, {@code if/else if/else/end}
 * and the builtins {@code printf print len index eq ne not and or}. {@code range}, {@code with} and
 * template definitions are refused at parse time. Immutable and thread-safe once parsed.
 */
public final class GoTemplate {

    private final String name;
    private final List<Node> nodes;

    private GoTemplate(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = nodes;
    }

    /**
     * @param name how messages name the template, e.g. {@code "latency" (MetricTemplate test/latency)}
     * @throws TemplateException for a syntax error or an unknown function, with line and column
     */
    public static GoTemplate parse(String name, String text) throws TemplateException {
        return new GoTemplate(name, Parser.parse(name, text));
    }

    public String name() {
        return name;
    }

    /** Renders with the query variables; a missing variable key or a bad call is a {@link TemplateException}. */
    public String render(QueryVariables v) throws TemplateException {
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", v.name());
        vars.put("namespace", v.namespace());
        vars.put("target", v.target());
        vars.put("service", v.service());
        vars.put("ingress", v.ingress());
        vars.put("route", v.route());
        vars.put("interval", v.interval());
        vars.put("variables", Functions.sorted(v.variables()));
        StringBuilder out = new StringBuilder();
        Map<String, Object> locals = new LinkedHashMap<>();
        locals.put("$", null);
        run(nodes, out, vars, locals);
        return out.toString();
    }

    private void run(List<Node> list, StringBuilder out, Map<String, Object> vars, Map<String, Object> locals)
            throws TemplateException {
        for (Node n : list) {
            switch (n) {
                case Nodes.Text t -> out.append(t.text());
                case Nodes.Action a -> {
                    Object value = pipeline(a.pipeline(), vars, locals);
                    if (a.pipeline().declares() == null) {
                        out.append(GoPrintf.value(value));
                    }
                }
                case Nodes.If f -> {
                    boolean done = false;
                    for (Nodes.Branch b : f.branches()) {
                        if (Functions.truth(pipeline(b.condition(), vars, locals))) {
                            run(b.body(), out, vars, locals);
                            done = true;
                            break;
                        }
                    }
                    if (!done) {
                        run(f.otherwise(), out, vars, locals);
                    }
                }
            }
        }
    }

    private Object pipeline(Nodes.Pipeline p, Map<String, Object> vars, Map<String, Object> locals)
            throws TemplateException {
        Object value = null;
        boolean piped = false;
        for (Nodes.Command c : p.commands()) {
            value = command(c, piped, value, vars, locals, where(p.at()));
            piped = true;
        }
        if (p.declares() != null) {
            locals.put(p.declares(), value);
        }
        return value;
    }

    private Object command(Nodes.Command c, boolean piped, Object input, Map<String, Object> vars,
                           Map<String, Object> locals, String where) throws TemplateException {
        Operand first = c.operands().getFirst();
        if (first instanceof Nodes.Identifier id) {
            List<Object> args = new ArrayList<>();
            for (Operand o : c.operands().subList(1, c.operands().size())) {
                args.add(operand(o, vars, locals, where));
            }
            if (piped) {
                args.add(input);
            }
            if (!id.fields().isEmpty() && !args.isEmpty()) {
                throw new TemplateException(where + "can't give argument to " + id.name() + "." + String.join(".", id.fields()));
            }
            return fields(Functions.call(id.name(), args, vars, where), id.fields(), where);
        }
        if (c.operands().size() > 1 || piped) {
            throw new TemplateException(where + "can't give argument to non-function " + describe(first));
        }
        return operand(first, vars, locals, where);
    }

    private Object operand(Operand o, Map<String, Object> vars, Map<String, Object> locals, String where)
            throws TemplateException {
        return switch (o) {
            case Nodes.Literal l -> l.value();
            case Nodes.Identifier id -> fields(Functions.call(id.name(), List.of(), vars, where), id.fields(), where);
            case Nodes.Variable v -> {
                if (!locals.containsKey(v.name())) {
                    throw new TemplateException(where + "undefined variable: " + v.name());
                }
                yield fields(locals.get(v.name()), v.fields(), where);
            }
            case Nodes.Dot d -> fields(null, d.fields(), where);
            case Nodes.Sub s -> fields(pipeline(s.pipeline(), vars, locals), s.fields(), where);
        };
    }

    private static Object fields(Object value, List<String> fields, String where) throws TemplateException {
        Object v = value;
        for (String f : fields) {
            if (v instanceof Map<?, ?> m) {
                if (!m.containsKey(f)) {
                    throw new TemplateException(where + "map has no entry for key \"" + f + "\" (known: "
                            + (m.isEmpty() ? "none; set it in the metric's templateVariables" : String.join(", ",
                            m.keySet().stream().map(Object::toString).toList())) + ")");
                }
                v = m.get(f);
            } else if (v == null) {
                throw new TemplateException(where + "nil data; no entry for key \"" + f + "\"");
            } else {
                throw new TemplateException(where + "can't evaluate field " + f + " in type " + GoPrintf.type(v));
            }
        }
        return v;
    }

    private static String describe(Operand o) {
        return switch (o) {
            case Nodes.Literal l -> GoPrintf.value(l.value());
            case Nodes.Variable v -> v.name();
            default -> o.toString();
        };
    }

    private String where(Nodes.Position at) {
        return "template " + name + ": " + at + ": ";
    }
}
