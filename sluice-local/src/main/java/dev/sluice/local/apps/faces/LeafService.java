package dev.sluice.local.apps.faces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.http.HttpHandler;
import dev.sluice.local.apps.http.HttpRequest;
import dev.sluice.local.apps.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code smiley} and {@code color} roles: every path answers the configured value
 * ({@code SMILEY} / {@code COLOR}, or {@code SMILEY_<user>} / {@code COLOR_<user>} for the user in
 * {@code X-Faces-User}), after the fault injector's delay and verdict.
 */
final class LeafService implements HttpHandler {

    private final String field;
    private final String value;
    private final Map<String, String> perUser;
    private final FaultInjector faults;
    private final FacesKnobs knobs;
    private final AppContext ctx;

    private LeafService(String field, String value, Map<String, String> perUser, FaultInjector faults, FacesKnobs knobs,
                        AppContext ctx) {
        this.field = field;
        this.value = value;
        this.perUser = Map.copyOf(perUser);
        this.faults = faults;
        this.knobs = knobs;
        this.ctx = ctx;
    }

    static LeafService smiley(AppContext ctx, FacesKnobs knobs, FaultInjector faults) {
        return create("smiley", "SMILEY", "Smiling", Smileys::lookup, Smileys.VOMITING,
                "known: " + Smileys.knownNames() + ", a code point such as U+1F60D or an emoji", ctx, knobs, faults);
    }

    static LeafService color(AppContext ctx, FacesKnobs knobs, FaultInjector faults) {
        return create("color", "COLOR", "green", Colors::lookup, Colors.named("yellow"),
                "expected a palette name (green, blue, …), a CSS colour name or a hex code such as #E0FFFF", ctx, knobs, faults);
    }

    private static LeafService create(String field, String variable, String fallbackName, Function<String, Optional<String>> lookup,
                                      String unknown, String expected, AppContext ctx, FacesKnobs knobs, FaultInjector faults) {
        String name = ctx.env(variable, fallbackName);
        String value = resolve(variable, name, lookup, unknown, expected, ctx);
        Map<String, String> perUser = new LinkedHashMap<>();
        String prefix = variable + "_";
        ctx.env().forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length() && !k.equals(prefix + "SERVICE")) {
                perUser.put(k.substring(prefix.length()), resolve(k, v, lookup, unknown, expected, ctx));
            }
        });
        return new LeafService(field, value, perUser, faults, knobs, ctx);
    }

    /** The original shows a fallback (a vomiting face, a yellow cell) for a value it does not know; so do we, and say so. */
    private static String resolve(String variable, String name, Function<String, Optional<String>> lookup, String unknown,
                                  String expected, AppContext ctx) {
        Optional<String> v = lookup.apply(name);
        if (v.isEmpty()) {
            ctx.log().accept("warning: env " + variable + "='" + name + "' is not known (" + expected + "); showing " + unknown);
        }
        return v.orElse(unknown);
    }

    @Override
    public HttpResponse handle(HttpRequest req) throws InterruptedException {
        if (FacesReplies.isReadiness(req)) {
            return FacesReplies.ready();
        }
        Instant start = ctx.clock().instant();
        String user = req.header(knobs.userHeader());
        FaultInjector.Verdict verdict = faults.next();
        FacesReplies.delay(ctx, verdict.delay());
        ObjectNode body = FacesReplies.body(req, verdict.status());
        if (verdict.ok()) {
            body.put(field, perUser.getOrDefault(user, value));
        } else {
            body.put("error", verdict.reason());
        }
        return FacesReplies.withFacesHeaders(HttpResponse.json(verdict.status(), body), ctx, start, user);
    }
}
