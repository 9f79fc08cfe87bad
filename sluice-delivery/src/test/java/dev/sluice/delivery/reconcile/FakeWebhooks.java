package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.webhook.WebhookClient;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A webhook client for tests: every hook passes unless told to fail; every call is recorded. */
final class FakeWebhooks implements WebhookClient {

    record Call(String name, String type, WebhookPayload payload) {
    }

    final List<Call> calls = new ArrayList<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    /** Makes the hook named {@code name} answer 403 with {@code message}. */
    void fail(String name, String message) {
        failing.put(name, message);
    }

    void pass(String name) {
        failing.remove(name);
    }

    @Override
    public synchronized WebhookResult call(WebhookSpec hook, WebhookPayload payload) {
        calls.add(new Call(hook.name(), hook.type().wireName(), payload));
        String f = failing.get(hook.name());
        return f == null ? WebhookResult.passed() : WebhookResult.failed(f);
    }

    synchronized List<String> names(String type) {
        return calls.stream().filter(c -> c.type().equals(type)).map(Call::name).toList();
    }
}
