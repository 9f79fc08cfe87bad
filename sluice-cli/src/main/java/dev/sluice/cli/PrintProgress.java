package dev.sluice.cli;

import dev.sluice.server.kubernetes.setup.Progress;
import java.io.PrintWriter;

/** Prints {@link Progress} as flux does: {@code ► ✔ ✗ ◎ ✚} and plain lines, each flushed at once. */
final class PrintProgress implements Progress {

    private final PrintWriter out;
    private final Style style;
    private final boolean details;

    /** @param details whether lines without a symbol (applied objects) are printed */
    PrintProgress(PrintWriter out, Style style, boolean details) {
        this.out = out;
        this.style = style;
        this.details = details;
    }

    @Override
    public void action(String message) {
        print("► " + message);
    }

    @Override
    public void success(String message) {
        print(style.green("✔") + " " + message);
    }

    @Override
    public void failure(String message) {
        print(style.red("✗") + " " + message);
    }

    @Override
    public void waiting(String message) {
        print("◎ " + message);
    }

    @Override
    public void generating(String message) {
        print("✚ " + message);
    }

    @Override
    public void detail(String message) {
        if (details) {
            print(message);
        }
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }
}
