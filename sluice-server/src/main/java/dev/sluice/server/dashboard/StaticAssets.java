package dev.sluice.server.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's page and scripts from the jar: {@code /} is {@code dashboard/index.html},
 * {@code /assets/<file>} comes from {@code dashboard/}, and {@code /assets/vendor/<lib>/<file>} from
 * the WebJar of an allowed library (Chart.js, Cytoscape), whatever its version. Nothing is fetched
 * from a CDN. Every answer carries a strict Content-Security-Policy (scripts from this origin only).
 */
final class StaticAssets implements HttpHandler {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Map<String, String> VENDOR = Map.of("chart.js", "org.webjars.npm", "cytoscape", "org.webjars.npm");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "map", "application/json", "png", "image/png", "ico", "image/x-icon");

    private final ClassLoader loader = StaticAssets.class.getClassLoader();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final Map<String, String> vendorVersions = new ConcurrentHashMap<>();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Http http = new Http(exchange);
            if (!http.method().equals("GET") && !http.method().equals("HEAD")) {
                http.fail(405, "MethodNotAllowed", "the dashboard's files can only be read");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String resource = resource(path);
            byte[] body = resource == null ? null : read(resource).orElse(null);
            var h = exchange.getResponseHeaders();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            if (body == null) {
                http.fail(404, "NotFound", "no dashboard file at " + path);
                return;
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            http.send(200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
        }
    }

    /** The classpath resource for a request path, or null when the path names none. */
    String resource(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return "dashboard/index.html";
        }
        if (!path.startsWith("/assets/")) {
            return null;
        }
        String rest = path.substring("/assets/".length());
        int dot = rest.lastIndexOf('.');
        if (!SAFE.matcher(rest).matches() || rest.contains("..") || dot < 0 || !TYPES.containsKey(rest.substring(dot + 1))) {
            return null;
        }
        if (rest.startsWith("vendor/")) {
            String[] parts = rest.substring("vendor/".length()).split("/", 2);
            if (parts.length < 2 || !VENDOR.containsKey(parts[0])) {
                return null;
            }
            String version = vendorVersion(parts[0]);
            return version == null ? null : "META-INF/resources/webjars/" + parts[0] + "/" + version + "/" + parts[1];
        }
        return "dashboard/" + rest;
    }

    /** The version of a WebJar on the classpath, from its Maven metadata. */
    private String vendorVersion(String lib) {
        return vendorVersions.computeIfAbsent(lib, l -> {
            String props = "META-INF/maven/" + VENDOR.get(l) + "/" + l + "/pom.properties";
            try (InputStream in = loader.getResourceAsStream(props)) {
                if (in == null) {
                    return null;
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Reads a resource; only files that exist are cached, so unknown paths cannot grow the cache. */
    private Optional<byte[]> read(String resource) {
        byte[] cached = cache.get(resource);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] data = in.readAllBytes();
            cache.put(resource, data);
            return Optional.of(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
