package dev.sluice.server.observe;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.sluice.local.runtime.exec.ContainerLog;

/**
 * The Sluice process's own log, kept in memory (the last {@link #LINES} lines) so that
 * {@code sluice logs sluice} can show it in embedded mode, as {@code kubectl logs} shows a
 * controller's. {@link Logging} attaches {@link #appender} beside the console; the lines are the
 * text format whatever the console's format is.
 */
public final class OwnLog {

    /** Lines kept. */
    public static final int LINES = 10_000;
    private static final ContainerLog LOG = ContainerLog.inMemory(LINES);

    private OwnLog() {
    }

    /** The process's log: {@code tail} and {@code follow} as for a replica's. */
    public static ContainerLog log() {
        return LOG;
    }

    /** A Logback appender that writes each event into {@link #log()}, one line per line of output. */
    static AppenderBase<ILoggingEvent> appender(ch.qos.logback.core.Context ctx) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        layout.setPattern(Logging.TEXT_PATTERN);
        layout.start();
        AppenderBase<ILoggingEvent> a = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                for (String line : layout.doLayout(event).split("\\R")) {
                    if (!line.isEmpty()) {
                        LOG.append(line);
                    }
                }
            }
        };
        a.setContext(ctx);
        a.setName("own-log");
        a.start();
        return a;
    }
}
