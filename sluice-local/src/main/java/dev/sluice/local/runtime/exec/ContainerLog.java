package dev.sluice.local.runtime.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's output: the latest lines in memory (for {@code sluice logs}; at most
 * {@code maxLines}, and at most {@link #CHARS_PER_LINE} characters a line on average, so that long
 * lines cannot make the memory kept grow to {@code maxLines} times {@link #MAX_LINE}) and on disk in
 * a file that rotates once at {@code maxFileBytes} ({@code <file>.1} keeps the previous part), so a
 * chatty process never fills the disk. Thread-safe.
 */
public final class ContainerLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLog.class);
    /** Longer lines are cut into pieces of this many characters. */
    static final int MAX_LINE = 16 * 1024;
    /** The memory kept is bounded by {@code maxLines} times this many characters (the newest line always stays). */
    static final int CHARS_PER_LINE = 512;

    private final Path file;
    private final int maxLines;
    private final long maxFileBytes;
    private final Deque<Line> lines = new ArrayDeque<>();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private long seq;
    private long chars;
    private OutputStream out;
    private long written;
    private boolean closed;

    public ContainerLog(Path file, int maxLines, long maxFileBytes) {
        this.file = file;
        this.maxLines = maxLines;
        this.maxFileBytes = maxFileBytes;
    }

    /** A log kept in memory only (tests, apps without a state directory). */
    public static ContainerLog inMemory(int maxLines) {
        return new ContainerLog(null, maxLines, 0);
    }

    private record Line(long seq, String text) {
    }

    /** A running {@link #follow}; closing it stops delivery. Idempotent. */
    public interface Following extends AutoCloseable {
        @Override
        void close();
    }

    private record Follower(long after, Consumer<String> sink, Runnable onEnd) {
    }

    public void append(String line) {
        String l = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        long n;
        synchronized (this) {
            if (closed) {
                return;
            }
            n = ++seq;
            lines.addLast(new Line(n, l));
            chars += l.length();
            while (lines.size() > maxLines || (chars > (long) maxLines * CHARS_PER_LINE && lines.size() > 1)) {
                chars -= lines.removeFirst().text().length();
            }
            writeToFile(l);
        }
        for (Follower f : followers) {
            if (n > f.after()) {
                try {
                    f.sink().accept(l);
                } catch (RuntimeException e) {
                    LOG.debug("log follower failed", e);
                }
            }
        }
    }

    /** The last {@code n} lines ({@code n < 0}: all kept), oldest first. */
    public synchronized List<String> tail(int n) {
        List<String> all = lines.stream().map(Line::text).toList();
        return n < 0 || n >= all.size() ? all : all.subList(all.size() - n, all.size());
    }

    /**
     * Sends the last {@code tail} lines ({@code < 0}: all kept) to {@code sink}, then every later
     * line, each exactly once, on the writer's thread; {@code onEnd} runs when the container's log
     * closes (its replica is gone). The sink must return quickly.
     */
    public Following follow(int tail, Consumer<String> sink, Runnable onEnd) {
        Follower f;
        synchronized (this) {
            // Under the lock, so that no later line can overtake the tail.
            tail(tail).forEach(sink);
            if (closed) {
                onEnd.run();
                return () -> { };
            }
            f = new Follower(seq, sink, onEnd);
            followers.add(f);
        }
        return () -> followers.remove(f);
    }

    /** Reads {@code in} line by line into this log until it ends; for a process's merged output. */
    public void pump(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    String line = pending.toString(StandardCharsets.UTF_8);
                    append(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                    pending.reset();
                } else {
                    pending.write(buf[i]);
                    if (pending.size() >= MAX_LINE) {
                        append(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    }
                }
            }
        }
        if (pending.size() > 0) {
            append(pending.toString(StandardCharsets.UTF_8));
        }
    }

    private void writeToFile(String l) {
        if (file == null) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                written = Files.size(file);
            }
            byte[] bytes = (l + "\n").getBytes(StandardCharsets.UTF_8);
            if (written + bytes.length > maxFileBytes && written > 0) {
                out.close();
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                written = 0;
            }
            out.write(bytes);
            out.flush();
            written += bytes.length;
        } catch (IOException e) {
            LOG.warn("cannot write container log {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        List<Follower> ending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ending = List.copyOf(followers);
            followers.clear();
            closeFile();
        }
        ending.forEach(f -> f.onEnd().run());
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debug("closing {}", file, e);
            }
            out = null;
        }
    }
}
