package dev.sluice.testkit.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An in-process Git server speaking the smart HTTP protocol (fetch and push) on 127.0.0.1, for
 * tests. Built on the JDK's {@code HttpServer} and JGit's {@link UploadPack}/{@link ReceivePack}
 * rather than JGit's {@code GitServlet}, which would need a servlet container (Jetty) on the test
 * class path for what is ~150 lines of protocol: two GET advertisements and two POST RPCs. Protocol
 * v2 is served when the client asks for it (header {@code Git-Protocol: version=2}), v0 otherwise.
 *
 * <p>Optional HTTP basic or bearer authentication; request counters let tests assert that a
 * fetch did or did not happen. Thread-safe; {@link #close()} stops it (a closed server refuses
 * connections, which tests use for "server down").
 */
public final class GitHttpServer implements AutoCloseable {

    private static final String UPLOAD = "git-upload-pack";
    private static final String RECEIVE = "git-receive-pack";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final AtomicInteger advertisements = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger receives = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private volatile String expectedAuthorization;

    private final String scheme;
    private final String caCertificatePem;

    private GitHttpServer(HttpServer server, ExecutorService executor, String scheme, String caCertificatePem) {
        this.server = server;
        this.executor = executor;
        this.scheme = scheme;
        this.caCertificatePem = caCertificatePem;
    }

    /** Starts a plain HTTP server on an ephemeral port of 127.0.0.1. */
    public static GitHttpServer start() {
        try {
            return start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16), "http", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Git HTTP server", e);
        }
    }

    /**
     * Starts an HTTPS server on 127.0.0.1 with a fresh self-signed certificate for that address,
     * made by the JDK's {@code keytool} in {@code workDir}; {@link #caCertificatePem()} is what a
     * Secret's {@code ca.crt} must hold to trust it.
     */
    public static GitHttpServer startHttps(Path workDir) {
        return startHttps(workDir, null);
    }

    /**
     * As {@link #startHttps(Path)}, and when {@code client} is given, TLS client authentication is
     * required with exactly that certificate (a Secret's {@code tls.crt}/{@code tls.key}).
     */
    public static GitHttpServer startHttps(Path workDir, SelfSignedCertificate client) {
        try {
            SelfSignedCertificate cert = SelfSignedCertificate.create(workDir);
            SSLContext ctx = client == null ? cert.serverContext() : cert.serverContext(client);
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            https.setHttpsConfigurator(new HttpsConfigurator(ctx) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = ctx.getDefaultSSLParameters();
                    p.setNeedClientAuth(client != null);
                    params.setSSLParameters(p);
                }
            });
            return start(https, "https", cert.pem());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the Git HTTPS server", e);
        }
    }

    private static GitHttpServer start(HttpServer http, String scheme, String pem) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "git-http-server");
            t.setDaemon(true);
            return t;
        });
        GitHttpServer s = new GitHttpServer(http, pool, scheme, pem);
        http.createContext("/", s::handle);
        http.setExecutor(pool);
        http.start();
        return s;
    }

    /** The PEM certificate of an HTTPS server ("" for plain HTTP). */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /** Serves {@code repository} at {@code /<name>} (e.g. {@code org/repo.git}). */
    public GitHttpServer serve(String name, Repository repository) {
        repositories.put(strip(name), repository);
        return this;
    }

    /** Requires HTTP basic authentication with these credentials from now on. */
    public GitHttpServer requireBasicAuth(String username, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Requires {@code Authorization: Bearer <token>} from now on. */
    public GitHttpServer requireBearerToken(String token) {
        expectedAuthorization = "Bearer " + token;
        return this;
    }

    /** {@code http(s)://127.0.0.1:<port>/<name>}. */
    public String url(String name) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + strip(name);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Reference advertisements served (one per ls-remote, fetch or push). */
    public int advertisements() {
        return advertisements.get();
    }

    /**
     * Fetch requests served: upload-pack RPCs that negotiate and send objects (protocol v2's
     * {@code ls-refs} command, which only lists references, is not counted).
     */
    public int fetchRequests() {
        return uploads.get();
    }

    public int receivePackRequests() {
        return receives.get();
    }

    /** Requests answered with 401. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    private static String strip(String name) {
        return name.replaceAll("^/+|/+$", "");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String expected = expectedAuthorization;
            if (expected != null && !expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            if (ex.getRequestMethod().equals("GET") && path.endsWith("/info/refs")) {
                String service = query == null ? "" : query.replaceFirst("^.*service=([a-z-]+).*$", "$1");
                Repository repo = repositories.get(strip(path.substring(0, path.length() - "/info/refs".length())));
                if (repo == null || !(service.equals(UPLOAD) || service.equals(RECEIVE))) {
                    ex.sendResponseHeaders(repo == null ? 404 : 403, -1); // no dumb HTTP
                    return;
                }
                advertise(ex, repo, service);
            } else if (ex.getRequestMethod().equals("POST") && (path.endsWith("/" + UPLOAD) || path.endsWith("/" + RECEIVE))) {
                String service = path.substring(path.lastIndexOf('/') + 1);
                Repository repo = repositories.get(strip(path.substring(0, path.lastIndexOf('/'))));
                if (repo == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                rpc(ex, repo, service);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    private void advertise(HttpExchange ex, Repository repo, String service) throws IOException {
        if (!(service.equals(UPLOAD) && wantsV2(ex))) {
            advertisements.incrementAndGet(); // with v2 only ls-refs lists references
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-" + service + "-advertisement");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream os = ex.getResponseBody();
        PacketLineOut out = new PacketLineOut(os);
        if (service.equals(UPLOAD)) {
            UploadPack up = new UploadPack(repo);
            up.setBiDirectionalPipe(false);
            if (wantsV2(ex)) {
                up.setExtraParameters(List.of("version=2"));
                up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(out), service);
                return;
            }
            out.writeString("# service=" + service + "\n");
            out.end();
            up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(out));
        } else {
            out.writeString("# service=" + service + "\n");
            out.end();
            ReceivePack rp = new ReceivePack(repo);
            rp.setBiDirectionalPipe(false);
            rp.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(out));
        }
    }

    private void rpc(HttpExchange ex, Repository repo, String service) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-" + service + "-result");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream os = ex.getResponseBody();
        if (service.equals(UPLOAD)) {
            byte[] body = in.readAllBytes(); // small: wants, haves and capabilities
            String head = new String(body, 0, Math.min(body.length, 64), StandardCharsets.US_ASCII);
            if (!wantsV2(ex) || head.contains("command=fetch")) {
                uploads.incrementAndGet();
            } else {
                advertisements.incrementAndGet();
            }
            in = new ByteArrayInputStream(body);
            UploadPack up = new UploadPack(repo);
            up.setBiDirectionalPipe(false);
            if (wantsV2(ex)) {
                up.setExtraParameters(List.of("version=2"));
            }
            up.upload(in, os, null);
        } else {
            receives.incrementAndGet();
            ReceivePack rp = new ReceivePack(repo);
            rp.setBiDirectionalPipe(false);
            rp.receive(in, os, null);
        }
    }

    private static boolean wantsV2(HttpExchange ex) {
        String p = ex.getRequestHeaders().getFirst("Git-Protocol");
        return p != null && p.contains("version=2");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
