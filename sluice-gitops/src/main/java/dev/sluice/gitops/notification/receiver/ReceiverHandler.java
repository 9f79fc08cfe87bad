package dev.sluice.gitops.notification.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.api.Conditions;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.notification.CrossNamespaceObjectReference;
import dev.sluice.api.notification.Receiver;
import dev.sluice.api.notification.ReceiverModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Receiver webhooks at {@code /hook/<sha256(token+name+namespace)>}: finds the Receiver whose
 * {@code status.webhookPath} is the request path, checks the call by the Receiver's type
 * ({@link WebhookCheck}) and asks its resources to reconcile ({@link ReconcileRequests}).
 *
 * <p>Answers as notification-controller does, except that a call failing authentication is 401 (not
 * 400) and also leaves a Warning event {@code RequestRejected} on the Receiver: 404 for an unknown
 * path, 503 for a suspended or not-Ready Receiver, 413 above 3 MiB, 400 for an event the Receiver
 * does not listen to, 500 when a target cannot be annotated, 200 otherwise (GitHub's {@code ping}
 * included, which reconciles nothing). A successful call leaves a Normal event
 * {@code ReconcileRequested} naming the targets. Calls failing authentication are counted
 * ({@link #rejectedCalls()}, and the {@code count} of their aggregated Warning event).
 *
 * <p>Mount it on any {@code HttpServer} context (the embedded API server's {@code /hook/}, or a
 * receiver port of its own in Kubernetes mode). Stateless and thread-safe.
 */
public final class ReceiverHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverHandler.class);
    /** notification-controller's request body limit. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    private final Cluster cluster;
    private final Clock clock;
    private final ReceiverModel model = new ReceiverModel();
    private final ReconcileRequests requests;
    private final AtomicLong rejected = new AtomicLong();

    public ReceiverHandler(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.requests = new ReconcileRequests(cluster);
    }

    @Override
    public void handle(HttpExchange h) throws IOException {
        try (h) {
            byte[] body = readBody(h.getRequestBody());
            if (body == null) {
                reply(h, 413, "request body exceeds the maximum size of " + MAX_BODY_BYTES + " bytes");
                return;
            }
            Map<String, String> headers = new HashMap<>();
            h.getRequestHeaders().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    headers.put(k, v.get(0));
                }
            });
            Outcome o = handle(h.getRequestURI().getRawPath(), new WebhookRequest(headers, body));
            reply(h, o.status(), o.message());
        } catch (RuntimeException e) {
            LOG.warn("receiver request {} failed", h.getRequestURI(), e);
            reply(h, 500, "internal error: " + e.getMessage());
        }
    }

    /** What a call led to: the HTTP status and a short text for the caller. */
    record Outcome(int status, String message) {
    }

    /** Handles one call; separated from the HTTP plumbing for tests. */
    Outcome handle(String path, WebhookRequest request) {
        Optional<KubeObject> found = cluster.list(ReceiverReconciler.KIND, "", LabelSelector.everything()).stream()
                .filter(r -> path.equals(r.status().path("webhookPath").asText()))
                .findFirst();
        if (found.isEmpty()) {
            return new Outcome(404, "no receiver at " + path);
        }
        KubeObject obj = found.get();
        Receiver receiver;
        try {
            receiver = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            return new Outcome(503, "receiver " + obj.namespace() + "/" + obj.name() + " is invalid: " + e.getMessage());
        }
        boolean ready = Conditions.find(obj.status(), "Ready").map(c -> c.isTrue()).orElse(false);
        if (receiver.spec().suspend() || !ready) {
            return new Outcome(503, "unable to process request: receiver is " + (receiver.spec().suspend() ? "suspended" : "not ready"));
        }
        String token;
        try {
            token = ReceiverTokens.token(cluster, receiver);
        } catch (ReceiverTokens.TokenException e) {
            return new Outcome(503, e.getMessage());
        }
        WebhookCheck.Verdict verdict = WebhookCheck.check(receiver.spec().type(), token, receiver.spec().events(), request);
        return switch (verdict) {
            case WebhookCheck.Verdict.Unauthorized u -> {
                rejected.incrementAndGet();
                event(obj, EventRecord.WARNING, "RequestRejected", "rejected webhook call: " + u.reason());
                yield new Outcome(401, u.reason());
            }
            case WebhookCheck.Verdict.Ignored i -> new Outcome(400, i.reason());
            case WebhookCheck.Verdict.Ping p -> new Outcome(200, "pong");
            case WebhookCheck.Verdict.Accept a -> reconcile(obj, receiver);
        };
    }

    /** Calls refused since start because their signature or token did not check (answered 401). */
    public long rejectedCalls() {
        return rejected.get();
    }

    private Outcome reconcile(KubeObject obj, Receiver receiver) {
        String now = clock.instant().toString();
        List<ObjectKey> done = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CrossNamespaceObjectReference ref : receiver.spec().resources()) {
            try {
                done.addAll(requests.request(ref, receiver.namespace(), now));
            } catch (ReconcileRequests.RequestException e) {
                errors.add(e.getMessage());
            }
        }
        if (!done.isEmpty()) {
            event(obj, EventRecord.NORMAL, "ReconcileRequested", "requested reconciliation of "
                    + String.join(", ", done.stream().map(ObjectKey::toString).toList()));
        }
        if (!errors.isEmpty()) {
            LOG.warn("receiver {}/{}: unable to request reconciliation: {}", obj.namespace(), obj.name(), errors);
            return new Outcome(500, String.join("; ", errors));
        }
        return new Outcome(200, "requested reconciliation of " + done.size() + " object(s)");
    }

    private void event(KubeObject obj, String type, String reason, String message) {
        Instant at = clock.instant();
        try {
            cluster.recordEvent(new EventRecord(obj.key(), type, reason, message, ReceiverReconciler.CONTROLLER,
                    Map.of(), 1, at, at));
        } catch (RuntimeException e) {
            LOG.debug("cannot record event on {}: {}", obj.key(), e.toString());
        }
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static void reply(HttpExchange h, int status, String text) throws IOException {
        byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
        h.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        h.sendResponseHeaders(status, b.length);
        h.getResponseBody().write(b);
    }
}
