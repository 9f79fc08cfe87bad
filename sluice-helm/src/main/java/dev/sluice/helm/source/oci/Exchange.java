package dev.sluice.helm.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of a {@link OciRegistryClient.Session}: GET with a deadline and a body limit,
 * redirects, and the registry auth flow (Docker's token spec): on a 401 whose
 * {@code WWW-Authenticate} is {@code Bearer realm=...,service=...,scope=...}, a token is asked from
 * the realm (with the basic credentials when there are some, anonymously otherwise) and the request
 * sent again with it; on {@code Basic}, the credentials are sent. What worked is kept for the
 * session's later requests. Not thread-safe.
 */
final class Exchange {

    private static final int MAX_REDIRECTS = 5;

    /** One answer (after redirects); {@code body} is truncated for non-2xx statuses. */
    record Response(URI uri, int status, HttpHeaders headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        boolean isAuthFailure() {
            return status == 401 || status == 403;
        }

        /** {@code 404 NAME_UNKNOWN: repository name not known to registry (GET http://...)}. */
        String describe() {
            List<String> errors = new ArrayList<>();
            try {
                JsonNode n = Json.parseObject(new String(body, StandardCharsets.UTF_8));
                for (JsonNode e : n.path("errors")) {
                    String code = e.path("code").asText("");
                    String message = e.path("message").asText("");
                    errors.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
                }
            } catch (IllegalArgumentException notJson) {
                // the status says enough
            }
            return status + (errors.isEmpty() ? "" : " " + String.join("; ", errors)) + " (GET " + uri + ")";
        }
    }

    private final HttpClient http;
    private final Optional<OciRegistryClient.BasicAuth> auth;
    private final long deadline;
    private final String timeoutText;
    /** The Authorization value the registry accepted (or asked for), sent with every later request. */
    private String authorization;

    Exchange(HttpClient http, Optional<OciRegistryClient.BasicAuth> auth, long deadlineNanos, String timeoutText) {
        this.http = http;
        this.auth = auth;
        this.deadline = deadlineNanos;
        this.timeoutText = timeoutText;
    }

    /** GETs {@code uri}, answering one auth challenge; {@code scope} is asked for when the challenge names none. */
    Response get(URI uri, String accept, long limit, String scope) throws OciException, InterruptedException {
        Response r = follow(uri, accept, limit, authorization);
        if (r.status() != 401) {
            return r;
        }
        Optional<Challenge> challenge = Challenge.parse(r.header("www-authenticate").orElse(null));
        if (challenge.isEmpty()) {
            return r;
        }
        String value;
        switch (challenge.get().scheme()) {
            case "bearer" -> value = "Bearer " + token(challenge.get(), scope);
            case "basic" -> {
                if (auth.isEmpty()) {
                    return r;
                }
                value = basic(auth.get());
            }
            default -> {
                return r;
            }
        }
        if (value.equals(authorization)) {
            return r; // what worked before is refused now
        }
        authorization = value;
        return follow(uri, accept, limit, authorization);
    }

    private String token(Challenge c, String defaultScope) throws OciException, InterruptedException {
        String realm = c.param("realm");
        if (!realm.startsWith("https://") && !realm.startsWith("http://")) {
            throw new OciException("the registry asked for a Bearer token from an invalid realm '" + realm + "'", true);
        }
        List<String> query = new ArrayList<>();
        if (!c.param("service").isEmpty()) {
            query.add(OciRegistryClient.form("service", c.param("service")));
        }
        String scopes = c.param("scope").isEmpty() ? defaultScope : c.param("scope");
        for (String s : scopes.split(" ")) {
            if (!s.isBlank()) {
                query.add(OciRegistryClient.form("scope", s));
            }
        }
        URI uri;
        try {
            uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + String.join("&", query)));
        } catch (IllegalArgumentException e) {
            throw new OciException("the registry asked for a Bearer token from an invalid realm '" + realm + "'", true);
        }
        Response r = follow(uri, "application/json", OciRegistryClient.MAX_TOKEN, auth.map(Exchange::basic).orElse(null));
        if (r.status() != 200) {
            String who = auth.map(a -> "the credentials of user '" + a.username() + "'").orElse("an anonymous request");
            throw new OciException("the token endpoint " + realm + " refused " + who + ": " + r.describe(), true);
        }
        String token;
        try {
            JsonNode n = Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
            token = n.path("token").asText(n.path("access_token").asText(""));
        } catch (IllegalArgumentException e) {
            throw new OciException("the token endpoint " + realm + " answered with no JSON: " + e.getMessage(), true);
        }
        if (token.isEmpty()) {
            throw new OciException("the token endpoint " + realm + " answered with no token", true);
        }
        return token;
    }

    private Response follow(URI uri, String accept, long limit, String authz) throws OciException, InterruptedException {
        URI current = uri;
        String a = authz;
        for (int hop = 0; ; hop++) {
            Response r = send(current, accept, limit, a);
            if (r.status() != 301 && r.status() != 302 && r.status() != 303 && r.status() != 307 && r.status() != 308) {
                return r;
            }
            String location = r.header("location").orElseThrow(() -> new OciException("GET " + uri + ": "
                    + r.status() + " redirect without a Location"));
            if (hop == MAX_REDIRECTS) {
                throw new OciException("GET " + uri + ": more than " + MAX_REDIRECTS + " redirects");
            }
            URI next;
            try {
                next = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new OciException("GET " + current + ": invalid redirect location '" + location + "'");
            }
            if (!"http".equals(next.getScheme()) && !"https".equals(next.getScheme())) {
                throw new OciException("GET " + current + ": redirect to a non-HTTP location '" + location + "'");
            }
            if (!Objects.equals(next.getScheme(), current.getScheme()) || !Objects.equals(next.getAuthority(), current.getAuthority())) {
                a = null; // object storage behind a redirect gets a signed URL, never the registry's credentials
            }
            current = next;
        }
    }

    private Response send(URI uri, String accept, long limit, String authz) throws OciException, InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(uri);
        }
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofNanos(remaining)).header("Accept", accept)
                    .header("User-Agent", "sluice-source-controller");
        } catch (IllegalArgumentException e) {
            throw new OciException("invalid registry URL '" + uri + "': " + e.getMessage());
        }
        if (authz != null) {
            b.header("Authorization", authz);
        }
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(b.build(), OciRegistryClient.body(limit));
        try {
            HttpResponse<byte[]> r = f.get(remaining, TimeUnit.NANOSECONDS);
            return new Response(uri, r.statusCode(), r.headers(), r.body());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw timeout(uri);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof BoundedBody.TooLarge) {
                    throw new OciException("GET " + uri + ": the response is " + c.getMessage());
                }
                if (c instanceof HttpTimeoutException) {
                    throw timeout(uri);
                }
            }
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new OciException("GET " + uri + ": " + (c.getMessage() == null ? c.toString() : c.getMessage()));
        }
    }

    private OciException timeout(URI uri) {
        return new OciException("GET " + uri + ": no answer within the timeout of " + timeoutText);
    }

    private static String basic(OciRegistryClient.BasicAuth a) {
        return "Basic " + Base64.getEncoder().encodeToString((a.username() + ":" + a.password()).getBytes(StandardCharsets.UTF_8));
    }
}
