package dev.sluice.server.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Configures the process's logging (Logback behind SLF4J): one line per record on stderr, as text
 * or as JSON, with a level per component. Call once from the command line's composition root,
 * e.g. {@code Logging.configure(Format.JSON, Logging.parseLevels("info,gitops=debug"))}.
 * Reconfiguring replaces the previous configuration. Thread-safe (Logback's context is).
 */
public final class Logging {

    public enum Format { TEXT, JSON }

    /** Short component names accepted in level settings, and the logger each one stands for. */
    public static final Map<String, String> COMPONENTS = Map.ofEntries(
            Map.entry("api", "dev.sluice.server.api"),
            Map.entry("dashboard", "dev.sluice.server.dashboard"),
            Map.entry("server", "dev.sluice.server"),
            Map.entry("cluster", "dev.sluice.cluster"),
            Map.entry("store", "dev.sluice.cluster.embedded"),
            Map.entry("scheduler", "dev.sluice.cluster.reconcile"),
            Map.entry("gitops", "dev.sluice.gitops"),
            Map.entry("source", "dev.sluice.gitops.source"),
            Map.entry("delivery", "dev.sluice.delivery"),
            Map.entry("canary", "dev.sluice.delivery.canary"),
            Map.entry("local", "dev.sluice.local"),
            Map.entry("mesh", "dev.sluice.local.mesh"),
            Map.entry("jgit", "org.eclipse.jgit"),
            Map.entry("fabric8", "io.fabric8"),
            Map.entry("netty", "io.netty"));

    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level %logger{36} - %msg%n";
    static final String ROOT = "root";

    private Logging() {
    }

    /**
     * Configures logging to stderr.
     *
     * @param levels logger or component name (see {@link #COMPONENTS}) to level; {@code root} sets
     *               the default (INFO when absent)
     */
    public static void configure(Format format, Map<String, Level> levels) {
        configure(format, levels, null);
    }

    /** As {@link #configure(Format, Map)}, writing to {@code out} instead of stderr (for tests). */
    static void configure(Format format, Map<String, Level> levels, OutputStream out) {
        apply((LoggerContext) LoggerFactory.getILoggerFactory(), format, levels, out);
    }

    /** Configures {@code ctx} directly (during Logback's own initialization SLF4J is not ready yet). */
    static void apply(LoggerContext ctx, Format format, Map<String, Level> levels, OutputStream out) {
        ctx.reset();
        Encoder<ILoggingEvent> encoder = format == Format.JSON ? json(ctx) : text(ctx);
        OutputStreamAppender<ILoggingEvent> appender;
        if (out == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new OutputStreamAppender<>();
            appender.setOutputStream(out);
        }
        appender.setContext(ctx);
        appender.setName(format.name().toLowerCase(Locale.ROOT));
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.addAppender(OwnLog.appender(ctx));
        root.setLevel(Level.INFO);
        levels.forEach((name, level) -> {
            if (name.equals(ROOT)) {
                root.setLevel(level);
            } else {
                ctx.getLogger(COMPONENTS.getOrDefault(name, name)).setLevel(level);
            }
        });
    }

    /**
     * Parses level settings: a comma-separated list of {@code level} (the default) or
     * {@code component=level}, e.g. {@code warn,gitops=debug,dev.sluice.local.mesh=trace}.
     *
     * @throws IllegalArgumentException naming the offending item and what was expected
     */
    public static Map<String, Level> parseLevels(String spec) {
        Map<String, Level> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String item : spec.split(",")) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            String name = eq < 0 ? ROOT : s.substring(0, eq).strip();
            String level = eq < 0 ? s : s.substring(eq + 1).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("log level '" + s + "': expected component=level, e.g. gitops=debug");
            }
            out.put(name, level(s, level));
        }
        return out;
    }

    private static Level level(String item, String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "error" -> Level.ERROR;
            case "off" -> Level.OFF;
            default -> throw new IllegalArgumentException("log level '" + item + "': '" + word
                    + "' is not a level; expected one of trace, debug, info, warn, error, off");
        };
    }

    /** Parses {@code --log-format}: {@code text} or {@code json}. */
    public static Format parseFormat(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new IllegalArgumentException("log format '" + word + "': expected text or json");
        };
    }

    private static Encoder<ILoggingEvent> text(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(TEXT_PATTERN);
        e.start();
        return e;
    }

    /** Logback's JSON encoder, trimmed to what an operator reads: time, level, logger, message, MDC, error. */
    private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(ctx);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithContext(false);
        e.setWithMessage(false);
        e.setWithArguments(false);
        e.setWithFormattedMessage(true);
        e.start();
        return e;
    }
}
