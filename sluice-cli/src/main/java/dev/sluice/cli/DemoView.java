package dev.sluice.cli;

import dev.sluice.server.demo.DemoListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's live view. On a terminal: a canary table with weight bars and the newest events,
 * redrawn in place. Elsewhere (pipes, CI): one line per step and per canary change, so logs read
 * like a story.
 */
final class DemoView implements DemoListener {

    private final PrintWriter out;
    private final Style style;
    private final boolean live;
    private final Instant start = Instant.now();
    private final Map<String, String> lastSeen = new HashMap<>();
    private int drawnLines;

    DemoView(PrintWriter out, Style style, boolean live) {
        this.out = out;
        this.style = style;
        this.live = live;
    }

    @Override
    public synchronized void step(String message) {
        clear();
        out.println(style.bold("► " + elapsed() + "  " + message));
        out.flush();
    }

    @Override
    public synchronized void note(String message) {
        clear();
        out.println(style.yellow("  ! " + message));
        out.flush();
    }

    @Override
    public synchronized void progress(List<CanaryView> canaries, List<String> events) {
        if (!live) {
            for (CanaryView c : canaries) {
                String now = c.phase() + " " + c.canaryWeight() + " " + c.failedChecks() + " " + c.iterations();
                if (!now.equals(lastSeen.put(c.name(), now))) {
                    out.println("    " + elapsed() + "  " + row(c));
                }
            }
            out.flush();
            return;
        }
        clear();
        Table t = new Table(List.of("CANARY", "PHASE", "WEIGHT", "", "FAILED", "ITER"));
        for (CanaryView c : canaries) {
            t.row(List.of(c.name(), color(c.phase()), c.canaryWeight() + "%", Columns.bar(c.canaryWeight(), 20),
                    c.failedChecks() + "/" + c.threshold(), String.valueOf(c.iterations())));
        }
        java.io.StringWriter buf = new java.io.StringWriter();
        t.print(new PrintWriter(buf));
        StringBuilder b = new StringBuilder(buf.toString());
        for (String e : events) {
            b.append(style.dim("  " + truncate(e, 110))).append('\n');
        }
        out.print(b);
        out.flush();
        drawnLines = (int) b.chars().filter(ch -> ch == '\n').count();
    }

    private String row(CanaryView c) {
        return String.format("%-10s %-16s weight %3d%% %s failed %d/%d iter %d", c.name(), c.phase(), c.canaryWeight(),
                Columns.bar(c.canaryWeight(), 10), c.failedChecks(), c.threshold(), c.iterations());
    }

    private String color(String phase) {
        return switch (phase) {
            case "Succeeded", "Initialized" -> style.green(phase);
            case "Failed" -> style.red(phase);
            default -> style.yellow(phase);
        };
    }

    /** Removes the previously drawn live table (cursor up, clear to end of screen). */
    private void clear() {
        if (live && drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "F\u001b[J");
            drawnLines = 0;
        }
    }

    private String elapsed() {
        long s = Duration.between(start, Instant.now()).toSeconds();
        return String.format("%3ds", s);
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
