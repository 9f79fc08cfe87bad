package dev.sluice.delivery.metrics.template;

import dev.sluice.delivery.metrics.template.Lexer.Kind;
import dev.sluice.delivery.metrics.template.Lexer.Token;
import dev.sluice.delivery.metrics.template.Nodes.Command;
import dev.sluice.delivery.metrics.template.Nodes.Node;
import dev.sluice.delivery.metrics.template.Nodes.Operand;
import dev.sluice.delivery.metrics.template.Nodes.Pipeline;
import dev.sluice.delivery.metrics.template.Nodes.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the parse tree from the lexer's items; functions must be known (Go fails on unknown ones at parse time). */
final class Parser {

    private static final Set<String> UNSUPPORTED = Set.of("range", "with", "define", "template", "block", "break",
            "continue");

    /** {@code if} blocks and parentheses nested deeper are refused: parsing and rendering recurse on them. */
    static final int MAX_NESTING = 100;

    private final String name;
    private final List<Lexer.Item> items;
    private int next;
    private int depth;

    private Parser(String name, List<Lexer.Item> items) {
        this.name = name;
        this.items = items;
    }

    static List<Node> parse(String name, String text) throws TemplateException {
        Parser p = new Parser(name, Lexer.items(name, text));
        List<Node> nodes = p.list(Set.of());
        if (p.next < p.items.size()) {
            throw p.error(p.items.get(p.next).action(), "unexpected {{" + p.items.get(p.next).text() + "}}");
        }
        return nodes;
    }

    /** Nodes up to (not including) an action whose keyword is in {@code stop}. */
    private List<Node> list(Set<String> stop) throws TemplateException {
        List<Node> out = new ArrayList<>();
        while (next < items.size()) {
            Lexer.Item item = items.get(next);
            if (!item.isAction()) {
                out.add(new Nodes.Text(item.text()));
                next++;
                continue;
            }
            String keyword = item.text().split("\\s+", 2)[0];
            if (stop.contains(keyword)) {
                return out;
            }
            if (keyword.equals("else") || keyword.equals("end")) {
                throw error(item.action(), "unexpected {{" + keyword + "}}");
            }
            if (UNSUPPORTED.contains(keyword)) {
                throw error(item.action(), "{{" + keyword + "}} is not supported in metric queries");
            }
            next++;
            if (keyword.equals("if")) {
                out.add(ifNode(item, item.text().substring(2)));
            } else {
                out.add(new Nodes.Action(pipeline(item.text(), item.action()), item.action()));
            }
        }
        if (!stop.isEmpty()) {
            throw new TemplateException("template " + name + ": unexpected end of template: missing {{end}}");
        }
        return out;
    }

    private Node ifNode(Lexer.Item start, String condition) throws TemplateException {
        enter(start.action());
        try {
            return ifBranches(start, condition);
        } finally {
            depth--;
        }
    }

    private void enter(Position at) throws TemplateException {
        if (++depth > MAX_NESTING) {
            throw error(at, "nested too deeply: more than " + MAX_NESTING + " levels of {{if}} and parentheses");
        }
    }

    private Node ifBranches(Lexer.Item start, String condition) throws TemplateException {
        List<Nodes.Branch> branches = new ArrayList<>();
        List<Node> otherwise = List.of();
        Pipeline cond = pipeline(condition, start.action());
        while (true) {
            List<Node> body = list(Set.of("else", "end"));
            branches.add(new Nodes.Branch(cond, body));
            Lexer.Item stopAt = items.get(next++);
            String rest = stopAt.text().substring(stopAt.text().startsWith("else") ? 4 : 3).strip();
            if (stopAt.text().startsWith("end")) {
                return new Nodes.If(branches, otherwise);
            }
            if (rest.startsWith("if ")) {
                cond = pipeline(rest.substring(3), stopAt.action());
                continue;
            }
            otherwise = list(Set.of("end"));
            next++;
            return new Nodes.If(branches, otherwise);
        }
    }

    private Pipeline pipeline(String text, Position at) throws TemplateException {
        List<Token> tokens = Lexer.tokens(text, where(at));
        int[] i = {0};
        Pipeline p = pipeline(tokens, i, at);
        if (i[0] < tokens.size()) {
            throw error(at, "unexpected \"" + tokens.get(i[0]).text() + "\"");
        }
        return p;
    }

    private Pipeline pipeline(List<Token> t, int[] i, Position at) throws TemplateException {
        String declares = null;
        if (i[0] + 1 < t.size() && t.get(i[0]).kind() == Kind.VAR && t.get(i[0] + 1).kind() == Kind.DECLARE) {
            declares = t.get(i[0]).text();
            i[0] += 2;
        }
        List<Command> commands = new ArrayList<>();
        while (true) {
            List<Operand> operands = new ArrayList<>();
            while (i[0] < t.size() && t.get(i[0]).kind() != Kind.PIPE && t.get(i[0]).kind() != Kind.RPAREN) {
                operands.add(operand(t, i, at));
            }
            if (operands.isEmpty()) {
                throw error(at, "missing value for command");
            }
            commands.add(new Command(operands));
            if (i[0] < t.size() && t.get(i[0]).kind() == Kind.PIPE) {
                i[0]++;
                continue;
            }
            return new Pipeline(declares, commands, at);
        }
    }

    private Operand operand(List<Token> t, int[] i, Position at) throws TemplateException {
        Token tok = t.get(i[0]++);
        return switch (tok.kind()) {
            case IDENT -> switch (tok.text()) {
                case "true" -> new Nodes.Literal(Boolean.TRUE);
                case "false" -> new Nodes.Literal(Boolean.FALSE);
                case "nil" -> new Nodes.Literal(null);
                default -> {
                    if (!Functions.exists(tok.text())) {
                        throw error(at, "function \"" + tok.text() + "\" not defined; metric queries know "
                                + String.join(", ", Functions.VARIABLE_NAMES) + " and " + Functions.BUILTINS);
                    }
                    yield new Nodes.Identifier(tok.text(), fields(t, i));
                }
            };
            case VAR -> new Nodes.Variable(tok.text(), fields(t, i));
            case FIELD -> {
                List<String> f = new ArrayList<>(List.of(tok.text()));
                f.addAll(fields(t, i));
                yield new Nodes.Dot(f);
            }
            case DOT -> new Nodes.Dot(List.of());
            case STRING, NUMBER -> new Nodes.Literal(tok.value());
            case LPAREN -> {
                enter(at);
                Pipeline inner = pipeline(t, i, at);
                depth--;
                if (i[0] >= t.size() || t.get(i[0]).kind() != Kind.RPAREN) {
                    throw error(at, "unclosed left paren");
                }
                i[0]++;
                yield new Nodes.Sub(inner, fields(t, i));
            }
            default -> throw error(at, "unexpected \"" + tok.text() + "\"");
        };
    }

    /** Fields chained right after a term, without whitespace: {@code variables.key}. */
    private static List<String> fields(List<Token> t, int[] i) {
        List<String> out = new ArrayList<>();
        while (i[0] < t.size() && t.get(i[0]).kind() == Kind.FIELD && !t.get(i[0]).spaced()) {
            out.add(t.get(i[0]++).text());
        }
        return out;
    }

    private String where(Position at) {
        return "template " + name + ": " + at + ": ";
    }

    private TemplateException error(Position at, String message) {
        return new TemplateException(where(at) + message);
    }
}
