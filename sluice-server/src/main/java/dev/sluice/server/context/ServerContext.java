package dev.sluice.server.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where the CLI finds a running {@code sluice up} (or {@code sluice demo --keep}): its URL and API
 * token, kept in {@code ~/.sluice/context.json} with mode 0600 (the token guards every change).
 * {@code SLUICE_HOME} moves the directory (tests use it); {@code SLUICE_SERVER} and
 * {@code SLUICE_TOKEN} override the file.
 *
 * @param server   e.g. {@code http://127.0.0.1:9494}
 * @param token    the API token, or "" when unknown (read-only use)
 * @param stateDir the server's state directory, or ""
 */
public record ServerContext(URI server, String token, String stateDir) {

    public static final URI DEFAULT_SERVER = URI.create("http://127.0.0.1:9494");

    public static Path home() {
        String h = System.getenv("SLUICE_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".sluice");
    }

    public static Path file() {
        return home().resolve("context.json");
    }

    /** The context to use: the environment, else the file, else the default URL without a token. */
    public static ServerContext resolve() {
        String server = System.getenv("SLUICE_SERVER");
        String token = System.getenv("SLUICE_TOKEN");
        Optional<ServerContext> saved = read();
        URI url = server != null && !server.isBlank() ? URI.create(server)
                : saved.map(ServerContext::server).orElse(DEFAULT_SERVER);
        String tok = token != null ? token
                : saved.filter(s -> s.server().equals(url)).map(ServerContext::token).orElse("");
        return new ServerContext(url, tok, saved.map(ServerContext::stateDir).orElse(""));
    }

    public static Optional<ServerContext> read() {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.parseObject(Files.readString(f, StandardCharsets.UTF_8));
            return Optional.of(new ServerContext(URI.create(n.path("server").asText(DEFAULT_SERVER.toString())),
                    n.path("token").asText(""), n.path("stateDir").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Saves this context for later CLI calls, readable only by its owner. */
    public void save() throws IOException {
        Path dir = home();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("context.json.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        ObjectNode n = Json.object().put("server", server.toString()).put("token", token).put("stateDir", stateDir);
        Files.writeString(tmp, Json.writePretty(n), StandardCharsets.UTF_8);
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the saved context if it still points at {@code server} (a newer server may own it). */
    public static void clearIf(URI server) {
        read().filter(c -> c.server().equals(server)).ifPresent(c -> {
            try {
                Files.deleteIfExists(file());
            } catch (IOException ignored) {
                // A stale context only makes the next CLI call fail with a clear "cannot reach" message.
            }
        });
    }
}
