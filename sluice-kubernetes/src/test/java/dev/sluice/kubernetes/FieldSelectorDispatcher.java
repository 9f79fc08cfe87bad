package dev.sluice.kubernetes;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Works around a gap of the CRUD mock: it matches field selectors only on {@code metadata.name} and
 * {@code metadata.namespace}, and any other field ({@code regarding.name} of Events, which a real API
 * server supports) matches nothing. This dispatcher records every field selector sent (so tests can
 * check what a real server would be asked) and drops the terms the mock cannot evaluate before the
 * mock sees the request; the adapter filters the results itself anyway.
 */
final class FieldSelectorDispatcher extends Dispatcher {

    private static final Pattern PARAM = Pattern.compile("([?&])fieldSelector=([^&]*)");

    private final Dispatcher delegate;
    final List<String> seen = new CopyOnWriteArrayList<>();

    FieldSelectorDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        Matcher m = path == null ? null : PARAM.matcher(path);
        if (m == null || !m.find()) {
            return delegate.dispatch(request);
        }
        String selector = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        seen.add(selector);
        String kept = Arrays.stream(selector.split(",")).filter(t -> t.startsWith("metadata."))
                .collect(Collectors.joining(","));
        String replacement = kept.isEmpty() ? m.group(1) : m.group(1) + "fieldSelector=" + URLEncoder.encode(kept, StandardCharsets.UTF_8);
        String rewritten = (path.substring(0, m.start()) + replacement + path.substring(m.end())).replace("?&", "?");
        if (rewritten.endsWith("?") || rewritten.endsWith("&")) {
            rewritten = rewritten.substring(0, rewritten.length() - 1);
        }
        return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), rewritten,
                request.getHeaders(), request.getBody()));
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }
}
