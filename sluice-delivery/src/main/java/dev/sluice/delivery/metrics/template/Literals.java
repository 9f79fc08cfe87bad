package dev.sluice.delivery.metrics.template;

/** Go string and number literals inside actions. */
final class Literals {

    private Literals() {
    }

    /** The index after the closing quote of the string starting at {@code from}. */
    static int stringEnd(String s, int from, String where) throws TemplateException {
        char q = s.charAt(from);
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (q == '"' && c == '\\') {
                i++;
            } else if (c == q) {
                return i + 1;
            }
        }
        throw new TemplateException(where + "unterminated quoted string");
    }

    static String unquote(String quoted, String where) throws TemplateException {
        String body = quoted.substring(1, quoted.length() - 1);
        if (quoted.charAt(0) == '`') {
            return body;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new TemplateException(where + "bad escape at the end of " + quoted);
            }
            char e = body.charAt(i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '\\', '"', '\'' -> b.append(e);
                default -> throw new TemplateException(where + "unknown escape \\" + e + " in " + quoted);
            }
        }
        return b.toString();
    }

    static Object number(String text, String where) throws TemplateException {
        try {
            if (text.matches("[+-]?\\d+")) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(where + "bad number syntax: " + text);
        }
    }
}
