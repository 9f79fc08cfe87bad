package dev.sluice.server.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Every log event of the process while attached (all levels), as the text an operator would see. */
final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level before = root.getLevel();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.ALL);
    }

    int count() {
        return appender.list.size();
    }

    /** Messages, arguments, MDC and every cause of every logged throwable with its stack. */
    String text() {
        StringBuilder b = new StringBuilder();
        for (ILoggingEvent e : appender.list) {
            b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
                    .append(' ').append(e.getMDCPropertyMap()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                    b.append("    ").append(s.getSTEAsString()).append('\n');
                }
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    b.append("  suppressed ").append(suppressed.getClassName()).append(": ").append(suppressed.getMessage()).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(before);
    }
}
