package dev.sluice.cli;

/**
 * Terminal colours, only when writing to a terminal and {@code NO_COLOR} is not set
 * (https://no-color.org), so pipes, files and CI logs get plain text.
 */
final class Style {

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    static Style detect() {
        return new Style(isTerminal() && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM")));
    }

    /**
     * Whether standard output is a terminal. Since Java 22 {@code System.console()} exists even when
     * output is redirected and {@code Console.isTerminal()} tells; we compile for 21, so ask for it
     * by reflection and fall back to the Java 21 rule (a console exists only on a terminal).
     */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static Style plain() {
        return new Style(false);
    }

    boolean enabled() {
        return enabled;
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
