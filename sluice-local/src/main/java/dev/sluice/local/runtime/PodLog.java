package dev.sluice.local.runtime;

import dev.sluice.local.runtime.exec.ContainerLog;
import java.util.List;
import java.util.function.Consumer;

/** The output of one container of one replica, for {@code sluice logs}. Thread-safe. */
public record PodLog(String namespace, String pod, String container, ContainerLog log) {

    /** The last {@code lines} lines ({@code < 0}: every line kept), oldest first. */
    public List<String> tail(int lines) {
        return log.tail(lines);
    }

    /**
     * {@code logs -f}: the last {@code tailLines} lines, then each new line as it is written, on
     * the writer's thread (the sink must return quickly); {@code onEnd} runs when the replica stops.
     */
    public EndpointSource.Subscription follow(int tailLines, Consumer<String> sink, Runnable onEnd) {
        return log.follow(tailLines, sink, onEnd)::close;
    }
}
