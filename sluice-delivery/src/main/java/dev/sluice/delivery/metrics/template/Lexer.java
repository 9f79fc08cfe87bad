package dev.sluice.delivery.metrics.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and action items, applying Go's trim markers ({@code {{- } trims the
 * whitespace before an action, {@code  -}}} the whitespace after it) and dropping comments
 * (actions holding only a slash-star comment), and tokenizes the inside of actions.
 */
final class Lexer {

    /** A piece of text, or the inside of one action with its position. */
    record Item(String text, Nodes.Position action) {
        boolean isAction() {
            return action != null;
        }
    }

    enum Kind { IDENT, FIELD, VAR, DECLARE, ASSIGN, PIPE, LPAREN, RPAREN, STRING, NUMBER, DOT }

    /** One token of an action; {@code spaced} tells whether whitespace precedes it (Go's chain rule). */
    record Token(Kind kind, String text, Object value, boolean spaced) {
    }

    private Lexer() {
    }

    static List<Item> items(String name, String text) throws TemplateException {
        List<Item> items = new ArrayList<>();
        int pos = 0;
        boolean trimNext = false;
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            String before = text.substring(pos, open < 0 ? text.length() : open);
            if (trimNext) {
                before = before.stripLeading();
            }
            if (open < 0) {
                addText(items, before);
                break;
            }
            int start = open + 2;
            boolean trimBefore = start + 1 < text.length() && text.charAt(start) == '-'
                    && Character.isWhitespace(text.charAt(start + 1));
            if (trimBefore) {
                before = before.stripTrailing();
                start += 2;
            }
            addText(items, before);
            int close = closing(text, start);
            if (close < 0) {
                throw new TemplateException(at(name, text, open) + "unclosed action");
            }
            int end = close;
            trimNext = end - 2 >= start && text.charAt(end - 1) == '-' && Character.isWhitespace(text.charAt(end - 2));
            if (trimNext) {
                end -= 2;
            }
            String inside = text.substring(start, end).strip();
            if (!(inside.startsWith("/*") && inside.endsWith("*/"))) {
                int[] lc = lineColumn(text, open);
                items.add(new Item(inside, new Nodes.Position(lc[0], lc[1], text.substring(open, close + 2))));
            }
            pos = close + 2;
        }
        return items;
    }

    private static void addText(List<Item> items, String t) {
        if (!t.isEmpty()) {
            items.add(new Item(t, null));
        }
    }

    /** The index of the {@code }}} closing an action, skipping quoted strings; -1 when none. */
    private static int closing(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    static String at(String name, String text, int index) {
        int[] lc = lineColumn(text, index);
        return "template " + name + ": " + lc[0] + ":" + lc[1] + ": ";
    }

    private static int[] lineColumn(String text, int index) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }

    /** Tokens of an action's inside. */
    static List<Token> tokens(String s, String where) throws TemplateException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int startWs = i;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            boolean spaced = i > startWs || out.isEmpty();
            if (i >= s.length()) {
                break;
            }
            char c = s.charAt(i);
            int j = i + 1;
            if (c == '.' && j < s.length() && isIdent(s.charAt(j))) {
                j = identEnd(s, j);
                out.add(new Token(Kind.FIELD, s.substring(i + 1, j), null, spaced));
            } else if (c == '.') {
                out.add(new Token(Kind.DOT, ".", null, spaced));
            } else if (c == '$') {
                j = identEnd(s, j);
                out.add(new Token(Kind.VAR, s.substring(i, j), null, spaced));
            } else if (c == ':' && j < s.length() && s.charAt(j) == '=') {
                j++;
                out.add(new Token(Kind.DECLARE, ":=", null, spaced));
            } else if (c == '=') {
                out.add(new Token(Kind.ASSIGN, "=", null, spaced));
            } else if (c == '|') {
                out.add(new Token(Kind.PIPE, "|", null, spaced));
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", null, spaced));
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", null, spaced));
            } else if (c == '"' || c == '`') {
                j = Literals.stringEnd(s, i, where);
                out.add(new Token(Kind.STRING, s.substring(i, j), Literals.unquote(s.substring(i, j), where), spaced));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && j < s.length() && Character.isDigit(s.charAt(j)))) {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), Literals.number(s.substring(i, j), where), spaced));
            } else if (isIdent(c)) {
                j = identEnd(s, i);
                out.add(new Token(Kind.IDENT, s.substring(i, j), null, spaced));
            } else {
                throw new TemplateException(where + "unexpected '" + c + "' in action");
            }
            i = j;
        }
        return out;
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int identEnd(String s, int from) {
        int j = from;
        while (j < s.length() && isIdent(s.charAt(j))) {
            j++;
        }
        return j;
    }
}
