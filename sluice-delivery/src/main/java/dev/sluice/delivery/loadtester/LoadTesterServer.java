package dev.sluice.delivery.loadtester;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Flagger's {@code flagger-loadtester} contract served in-process on the JDK HttpServer:
 * {@code POST /} with {@code metadata.cmd} starts a {@code hey} run in the background (202,
 * de-duplicated per canary and command); {@code type: bash} runs a blocking command only when
 * enabled; {@code /gate/open|close|check|approve|halt} and {@code /rollback/open|close|check} are
 * manual gates (202 to change, 200 open / 403 closed to check); {@code /healthz} answers OK. Bad
 * requests get a 400 saying what is wrong. Thread-safe; {@link #close} stops runs in progress.
 */
public final class LoadTesterServer implements AutoCloseable {

    private static final Set<String> FOREIGN_TYPES = Set.of("helm", "helmv3", "kubectl", "concord", "ngrinder");
    private static final int MAX_REQUEST = 1 << 20;

    private final LoadTesterSettings settings;
    private final TaskRunner runner;
    private final Consumer<String> log;
    private final GateStore gates = new GateStore();
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    private LoadTesterServer(LoadTesterSettings settings, TaskRunner runner, Consumer<String> log) throws IOException {
        this.settings = settings;
        this.runner = runner;
        this.log = log;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()),
                settings.port()), 64);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts serving.
     *
     * @param runner runs the load tasks (owned by the server from now on: closed with it)
     * @param log    receives one line per task started, skipped or finished
     * @throws IOException when the address cannot be bound
     */
    public static LoadTesterServer start(LoadTesterSettings settings, TaskRunner runner, Consumer<String> log)
            throws IOException {
        return new LoadTesterServer(settings, runner, log);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public TaskRunner runner() {
        return runner;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                reply(ex, 200, "OK");
                return;
            }
            if (path.equals("/gate/approve")) {
                reply(ex, 200, "OK");
                return;
            }
            if (path.equals("/gate/halt")) {
                reply(ex, 403, "Forbidden");
                return;
            }
            byte[] raw = ex.getRequestBody().readNBytes(MAX_REQUEST + 1);
            if (raw.length > MAX_REQUEST) {
                reply(ex, 400, "request body larger than 1 MiB");
                return;
            }
            JsonNode payload;
            try {
                payload = Json.parseObject(new String(raw, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                reply(ex, 400, "decoding the request body failed: " + e.getMessage());
                return;
            }
            String namespace = payload.path("namespace").asText("");
            if (settings.namespaceRegexp().isPresent() && !settings.namespaceRegexp().get().matcher(namespace).matches()) {
                reply(ex, 403, "Forbidden");
                return;
            }
            String canary = payload.path("name").asText("") + "." + namespace;
            switch (path) {
                case "/gate/check" -> check(ex, canary, "gate check");
                case "/gate/open" -> change(ex, canary, true, "gate");
                case "/gate/close" -> change(ex, canary, false, "gate");
                case "/rollback/check" -> check(ex, "rollback." + canary, "rollback check");
                case "/rollback/open" -> change(ex, "rollback." + canary, true, "rollback");
                case "/rollback/close" -> change(ex, "rollback." + canary, false, "rollback");
                case "/" -> task(ex, canary, payload.path("metadata"));
                default -> reply(ex, 404, "not found: the load tester serves /, /gate/*, /rollback/* and /healthz");
            }
        }
    }

    private void check(HttpExchange ex, String key, String what) throws IOException {
        boolean open = gates.isOpen(key);
        log.accept(key + " " + what + ": approved " + open);
        reply(ex, open ? 200 : 403, open ? "Approved" : "Forbidden");
    }

    private void change(HttpExchange ex, String key, boolean open, String what) throws IOException {
        if (open) {
            gates.open(key);
        } else {
            gates.close(key);
        }
        log.accept(key + " " + what + (open ? " opened" : " closed"));
        reply(ex, 202, "");
    }

    private void task(HttpExchange ex, String canary, JsonNode metadata) throws IOException {
        if (!metadata.isObject() || metadata.isEmpty()) {
            reply(ex, 400, "metadata not found in payload");
            return;
        }
        String type = metadata.path("type").asText("cmd");
        String cmd = metadata.path("cmd").asText("");
        if (type.equals("bash")) {
            bash(ex, canary, cmd, metadata.path("returnCmdOutput").asText("false").equals("true"));
            return;
        }
        if (FOREIGN_TYPES.contains(type)) {
            reply(ex, 400, "task type " + type + " is not supported by Sluice's load tester; use cmd with hey, or bash");
            return;
        }
        if (!type.equals("cmd")) {
            reply(ex, 400, "unknown task type " + type);
            return;
        }
        HeyCommand hey;
        try {
            hey = HeyCommand.parse(cmd);
        } catch (IllegalArgumentException e) {
            reply(ex, 400, e.getMessage());
            return;
        }
        runner.submit(canary, cmd, hey);
        reply(ex, 202, "");
    }

    private void bash(HttpExchange ex, String canary, String cmd, boolean returnOutput) throws IOException {
        if (!settings.bashEnabled()) {
            reply(ex, 400, "bash tasks are disabled: they run any command a Canary names; start the load tester "
                    + "with bash enabled to allow them");
            return;
        }
        log.accept("canary " + canary + ": bash command " + cmd);
        BashTask.Result r;
        try {
            r = BashTask.run(cmd, settings.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 500, "interrupted");
            return;
        }
        reply(ex, r.ok() ? 200 : 500, r.ok() ? (returnOutput ? r.output() : "") : r.output());
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        runner.close();
        handlers.shutdownNow();
    }

    /** A load tester with its own task runner; the convenient entry point for the composition root. */
    public static LoadTesterServer start(LoadTesterSettings settings, LoadGenerator generator, Consumer<String> log)
            throws IOException {
        return start(settings, new TaskRunner(Executors.newVirtualThreadPerTaskExecutor(), generator, log), log);
    }
}
