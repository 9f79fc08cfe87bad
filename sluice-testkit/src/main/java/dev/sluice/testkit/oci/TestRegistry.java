package dev.sluice.testkit.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OCI registry on 127.0.0.1 serving Helm charts pushed by the test, as the distribution API
 * does: {@code /v2/<name>/tags/list} (paged with {@code Link} when {@link #pageSize} is set),
 * {@code /v2/<name>/manifests/<tag|digest>} and {@code /v2/<name>/blobs/<digest>} (sent through a
 * redirect, as registries hand blobs to storage). With {@link #requireToken} it answers 401 with a
 * {@code Bearer} challenge whose realm is its own {@code /token}, which checks basic credentials
 * and hands out a token for the asked scope; with {@link #requireBasic} it wants basic auth on
 * every request. {@link #corrupt} serves other bytes for a blob. Errors use the distribution
 * spec's JSON ({@code NAME_UNKNOWN}, {@code MANIFEST_UNKNOWN}, {@code UNAUTHORIZED}).
 */
public final class TestRegistry implements AutoCloseable {

    public static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public static final String CONFIG = "application/vnd.cncf.helm.config.v1+json";
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> corrupted = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Every request, as {@code METHOD path [Authorization scheme]}. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String user;
    private volatile String password;
    private volatile boolean bearer;
    private volatile int pageSize;

    public TestRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, the host of {@code oci://} URLs. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Demands a Bearer token from {@code /token}, which wants these basic credentials. */
    public TestRegistry requireToken(String user, String password) {
        this.user = user;
        this.password = password;
        this.bearer = true;
        return this;
    }

    /** Demands these basic credentials on every request. */
    public TestRegistry requireBasic(String user, String password) {
        this.user = user;
        this.password = password;
        this.bearer = false;
        return this;
    }

    /** Lists tags {@code n} per page, linking the next page. */
    public TestRegistry pageSize(int n) {
        this.pageSize = n;
        return this;
    }

    /** Pushes a chart as Helm does: config and chart layer blobs, a manifest, the tag; returns the manifest digest. */
    public String push(String repository, String tag, byte[] chartTgz) {
        String layer = blob(chartTgz);
        byte[] configJson = ("{\"name\":\"" + repository.substring(repository.lastIndexOf('/') + 1) + "\",\"version\":\""
                + tag.replace('_', '+') + "\"}").getBytes(StandardCharsets.UTF_8);
        String config = blob(configJson);
        String manifest = """
                {"schemaVersion":2,"mediaType":"%s",
                 "config":{"mediaType":"%s","digest":"%s","size":%d},
                 "layers":[{"mediaType":"%s","digest":"%s","size":%d}]}"""
                .formatted(MANIFEST, CONFIG, config, configJson.length, CHART_LAYER, layer, chartTgz.length);
        return pushManifest(repository, tag, manifest.getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes a raw manifest under {@code tag}; returns its digest. */
    public String pushManifest(String repository, String tag, byte[] manifest) {
        String digest = blob(manifest);
        tags.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(tag, digest);
        return digest;
    }

    /** Stores a blob; returns its digest. */
    public String blob(byte[] content) {
        String digest = sha256(content);
        blobs.put(digest, content);
        return digest;
    }

    /** Serves {@code replacement} for the blob {@code digest} from now on. */
    public void corrupt(String digest, byte[] replacement) {
        corrupted.put(digest, replacement);
    }

    /** How many requests' paths contain {@code part}. */
    public long count(String part) {
        return requests.stream().filter(r -> r.contains(part)).count();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            URI uri = x.getRequestURI();
            String path = uri.getPath();
            String authz = x.getRequestHeaders().getFirst("Authorization");
            requests.add(x.getRequestMethod() + " " + path + (authz == null ? "" : " [" + authz.split(" ")[0] + "]"));
            if (path.equals("/token")) {
                token(x, authz, uri.getQuery());
                return;
            }
            if (path.startsWith("/storage/")) {
                String digest = path.substring("/storage/".length());
                byte[] b = corrupted.getOrDefault(digest, blobs.get(digest));
                send(x, b == null ? 404 : 200, "application/octet-stream", b == null ? error("BLOB_UNKNOWN", "blob unknown") : b);
                return;
            }
            if (!path.startsWith("/v2/")) {
                send(x, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String rest = path.substring(4);
            int at = Math.max(rest.lastIndexOf("/tags/"), Math.max(rest.lastIndexOf("/manifests/"), rest.lastIndexOf("/blobs/")));
            if (at < 0) {
                send(x, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String repo = rest.substring(0, at);
            if (!authorized(authz, repo)) {
                x.getResponseHeaders().add("WWW-Authenticate", bearer
                        ? "Bearer realm=\"http://" + host() + "/token\",service=\"test-registry\",scope=\"repository:" + repo + ":pull\""
                        : "Basic realm=\"test-registry\"");
                send(x, 401, "application/json", error("UNAUTHORIZED", "authentication required"));
                return;
            }
            Map<String, String> repoTags = tags.get(repo);
            if (repoTags == null) {
                send(x, 404, "application/json", error("NAME_UNKNOWN", "repository name not known to registry"));
                return;
            }
            String what = rest.substring(at + 1);
            if (what.equals("tags/list")) {
                tagList(x, repo, repoTags, uri.getQuery());
            } else if (what.startsWith("manifests/")) {
                String ref = what.substring("manifests/".length());
                String digest = ref.startsWith("sha256:") ? ref : repoTags.get(ref);
                byte[] m = digest == null ? null : blobs.get(digest);
                if (m == null) {
                    send(x, 404, "application/json", error("MANIFEST_UNKNOWN", "manifest unknown"));
                    return;
                }
                x.getResponseHeaders().add("Docker-Content-Digest", digest);
                send(x, 200, MANIFEST, m);
            } else {
                x.getResponseHeaders().add("Location", "/storage/" + what.substring("blobs/".length()));
                send(x, 307, "text/plain", new byte[0]);
            }
        }
    }

    private void tagList(HttpExchange x, String repo, Map<String, String> repoTags, String query) throws IOException {
        List<String> all = new ArrayList<>(new TreeMap<>(repoTags).keySet());
        String last = query != null && query.contains("last=") ? query.substring(query.indexOf("last=") + 5).split("&")[0] : "";
        List<String> page = all.stream().filter(t -> last.isEmpty() || t.compareTo(last) > 0).toList();
        if (pageSize > 0 && page.size() > pageSize) {
            page = page.subList(0, pageSize);
            x.getResponseHeaders().add("Link", "</v2/" + repo + "/tags/list?n=" + pageSize + "&last=" + page.get(pageSize - 1)
                    + ">; rel=\"next\"");
        }
        String json = "{\"name\":\"" + repo + "\",\"tags\":[" + String.join(",", page.stream().map(t -> "\"" + t + "\"").toList()) + "]}";
        send(x, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(String authz, String repo) {
        if (user == null) {
            return true;
        }
        if (bearer) {
            return authz != null && authz.startsWith("Bearer ")
                    && ("repository:" + repo + ":pull").equals(tokens.get(authz.substring(7)));
        }
        return basic(user, password).equals(authz);
    }

    private void token(HttpExchange x, String authz, String query) throws IOException {
        if (user != null && !basic(user, password).equals(authz)) {
            send(x, 401, "application/json", error("UNAUTHORIZED", "invalid username or password"));
            return;
        }
        String scope = "";
        for (String p : query == null ? new String[0] : query.split("&")) {
            if (p.startsWith("scope=")) {
                scope = java.net.URLDecoder.decode(p.substring(6), StandardCharsets.UTF_8);
            }
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, scope);
        send(x, 200, "application/json", ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] error(String code, String message) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
