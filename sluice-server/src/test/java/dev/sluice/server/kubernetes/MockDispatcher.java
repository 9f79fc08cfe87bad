package dev.sluice.server.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stands in front of fabric8's CRUD mock for the three gaps the controller's paths hit (docs/testing.md):
 *
 * <ul>
 *   <li><b>Server-side apply</b> (the mock answers 404/415). An apply PATCH is recorded as sent, then
 *       emulated with the mock's own CRUD: a missing object is created (201), an existing one gets the
 *       applied fields merged over it (objects merge key by key, lists and scalars are replaced; status
 *       and the stored metadata stay) and is replaced only when that changes it, so a repeated apply keeps
 *       its resourceVersion; {@code dryRun=All} stores nothing. This is <em>not</em> server-side apply:
 *       there is no field ownership, so fields a manager stops applying are never removed and there are
 *       never conflicts. What it lets a test check is that the controller sends the right apply requests
 *       and carries on with what the server answers.</li>
 *   <li><b>One store for all versions</b> of a custom kind (the mock keeps each version apart): a GET of
 *       one object that misses at its version is tried at the group's other versions written so far,
 *       and answered with the apiVersion asked for, as an API server does for CRDs with conversion
 *       strategy {@code None} (Flux's and Flagger's). So a v1beta1 Kustomization reads back at v1, the
 *       version the adapter reads in; pruning of fields the other version lacks is not emulated.</li>
 *   <li><b>Field selectors</b> other than {@code metadata.*} (the mock matches nothing): they are
 *       recorded and dropped, and the adapter filters the results itself.</li>
 * </ul>
 */
final class MockDispatcher extends Dispatcher {

    private static final Pattern FIELD_SELECTOR = Pattern.compile("([?&])fieldSelector=([^&]*)");
    /** A custom resource path: group, version, and the rest ({@code [namespaces/NS/]PLURAL/NAME} for one object). */
    private static final Pattern CUSTOM = Pattern.compile("/apis/([^/]+)/([^/]+)/([^?]*)(\\?.*)?");
    private static final Pattern ONE_OBJECT = Pattern.compile("(namespaces/[^/]+/)?[^/]+/[^/]+");

    private final Dispatcher crud;
    final List<MockKube.Apply> applies = new CopyOnWriteArrayList<>();
    final List<String> fieldSelectors = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> versionsWritten = new ConcurrentHashMap<>();

    MockDispatcher(Dispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (request.method() == HttpMethod.PATCH && contentType != null && contentType.startsWith("application/apply-patch")) {
            remember(request.getPath());
            return apply(request);
        }
        if (request.method() != HttpMethod.GET) {
            remember(request.getPath());
            return crud.dispatch(withoutUnsupportedFieldSelectors(request));
        }
        MockResponse answer = crud.dispatch(withoutUnsupportedFieldSelectors(request));
        return answer.code() == 404 ? inOtherVersion(request).orElse(answer) : answer;
    }

    private void remember(String path) {
        Matcher m = path == null ? null : CUSTOM.matcher(path);
        if (m != null && m.matches()) {
            versionsWritten.computeIfAbsent(m.group(1), g -> new ConcurrentSkipListSet<>()).add(m.group(2));
        }
    }

    /** The object stored under another version of its group, answered in the version asked for. */
    private Optional<MockResponse> inOtherVersion(RecordedRequest request) {
        Matcher m = CUSTOM.matcher(request.getPath());
        if (!m.matches() || !ONE_OBJECT.matcher(m.group(3)).matches()) {
            return Optional.empty();
        }
        String group = m.group(1);
        for (String version : versionsWritten.getOrDefault(group, Set.of())) {
            if (version.equals(m.group(2))) {
                continue;
            }
            MockResponse r = crud.dispatch(sub(request, HttpMethod.GET, "/apis/" + group + "/" + version + "/" + m.group(3), null));
            if (r.code() == 200) {
                ObjectNode stored = Json.parseObject(r.getBody().readUtf8());
                stored.put("apiVersion", group + "/" + m.group(2));
                return Optional.of(json(200, stored));
            }
        }
        return Optional.empty();
    }

    private synchronized MockResponse apply(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        String query = q < 0 ? "" : full.substring(q + 1);
        ObjectNode desired = Json.parseObject(request.getUtf8Body());
        applies.add(new MockKube.Apply(path, query, desired.deepCopy()));
        boolean dryRun = query.contains("dryRun=All");
        MockResponse existing = crud.dispatch(sub(request, HttpMethod.GET, path, null));
        if (existing.code() == 404) {
            if (dryRun) {
                return json(201, desired);
            }
            String collection = path.substring(0, path.lastIndexOf('/'));
            return crud.dispatch(sub(request, HttpMethod.POST, collection, desired));
        }
        if (existing.code() != 200) {
            return existing;
        }
        ObjectNode stored = Json.parseObject(existing.getBody().readUtf8());
        ObjectNode merged = stored.deepCopy();
        desired.remove("status");
        if (desired.get("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of("resourceVersion", "uid", "creationTimestamp", "managedFields", "generation"));
        }
        merge(merged, desired);
        if (merged.equals(stored) || dryRun) {
            return json(200, merged);
        }
        return crud.dispatch(sub(request, HttpMethod.PUT, path, merged));
    }

    /** Objects merge key by key; anything else is replaced. */
    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode current = into.get(f.getKey());
            if (current instanceof ObjectNode o && f.getValue().isObject()) {
                merge(o, f.getValue());
            } else {
                into.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    private static RecordedRequest sub(RecordedRequest original, HttpMethod method, String path, JsonNode body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        Buffer buffer = new Buffer(body == null ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8));
        return new RecordedRequest(original.getHttpVersion(), method, path, headers, buffer);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Json.write(body));
    }

    private RecordedRequest withoutUnsupportedFieldSelectors(RecordedRequest request) {
        String path = request.getPath();
        Matcher m = path == null ? null : FIELD_SELECTOR.matcher(path);
        if (m == null || !m.find()) {
            return request;
        }
        String selector = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        fieldSelectors.add(selector);
        String kept = Arrays.stream(selector.split(",")).filter(t -> t.startsWith("metadata."))
                .collect(Collectors.joining(","));
        String replacement = kept.isEmpty() ? m.group(1)
                : m.group(1) + "fieldSelector=" + URLEncoder.encode(kept, StandardCharsets.UTF_8);
        String rewritten = (path.substring(0, m.start()) + replacement + path.substring(m.end())).replace("?&", "?");
        if (rewritten.endsWith("?") || rewritten.endsWith("&")) {
            rewritten = rewritten.substring(0, rewritten.length() - 1);
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), rewritten, request.getHeaders(),
                request.getBody());
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        crud.releaseResources();
    }
}
