package dev.sluice.gitops.notification.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.gitops.notification.FluxEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the notifier of a Provider type (notification-controller's factory): one exhaustive switch
 * over {@link ProviderType}. Cheap; build one per delivery. Thread-safe.
 */
public final class Notifiers {

    /** notification-controller's header naming the sending controller on generic posts. */
    public static final String COMPONENT_HEADER = "gotk-component";
    static final String SLACK_POST_MESSAGE = "https://slack.com/api/chat.postMessage";

    private final HttpPoster poster;

    public Notifiers(HttpPoster poster) {
        this.poster = poster;
    }

    /**
     * @throws NotifyException for an unsupported type, an address that is not an http(s) URL, or a
     *                         generic-hmac provider without a token
     */
    public Notifier create(NotifierSettings s) throws NotifyException {
        ProviderType type = ProviderType.of(s.type()).orElseThrow(() -> new NotifyException("provider " + s.type()
                + " not supported by Sluice; supported: " + ProviderType.names()));
        return switch (type) {
            case SLACK -> {
                URI uri = address(s.address(), "Slack hook URL");
                Map<String, String> h = s.token().isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + s.token());
                yield chat(uri, h, e -> Payloads.slack(e, s.channel(), s.username()),
                        uri.toString().equals(SLACK_POST_MESSAGE), s);
            }
            case DISCORD -> {
                String a = s.address().endsWith("/slack") ? s.address()
                        : s.address().replaceAll("/+$", "") + "/slack";
                yield chat(address(a, "Discord hook URL"), Map.of(), e -> Payloads.discord(e, s.username()), false, s);
            }
            case ROCKET -> chat(address(s.address(), "Rocket hook URL"), Map.of(),
                    e -> Payloads.rocket(e, s.channel(), s.username()), false, s);
            case MSTEAMS -> {
                URI uri = address(s.address(), "MS Teams webhook URL");
                boolean connector = uri.getHost().toLowerCase(Locale.ROOT).endsWith(".webhook.office.com");
                yield chat(uri, Map.of(), connector ? Payloads::teamsMessageCard : Payloads::teamsAdaptiveCard, false, s);
            }
            case GOOGLECHAT -> chat(address(s.address(), "Google Chat hook URL"), Map.of(), Payloads::googleChat, false, s);
            case GENERIC -> forwarder(address(s.address(), "hook URL"), s, null);
            case GENERIC_HMAC -> {
                if (s.token().isEmpty()) {
                    throw new NotifyException("HMAC key is empty");
                }
                yield forwarder(address(s.address(), "hook URL"), s, s.token().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private Notifier chat(URI uri, Map<String, String> headers, Function<FluxEvent, ObjectNode> payload,
                          boolean slackApi, NotifierSettings s) {
        return e -> {
            String answer = poster.post(uri, payload.apply(e), headers, s.timeout());
            if (slackApi) {
                checkSlackAnswer(answer);
            }
        };
    }

    /** Flux's forwarder: the event itself, {@code gotk-component}, the Secret's headers, and {@code X-Signature} with a key. */
    private Notifier forwarder(URI uri, NotifierSettings s, byte[] hmacKey) {
        return e -> {
            byte[] body = Json.write(e.toJson()).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            headers.put(COMPONENT_HEADER, e.reportingController());
            headers.putAll(s.headers());
            if (hmacKey != null) {
                headers.put("X-Signature", "sha256=" + java.util.HexFormat.of().formatHex(hmac(hmacKey, body)));
            }
            poster.post(uri, body, headers, s.timeout());
        };
    }

    private static void checkSlackAnswer(String answer) throws NotifyException {
        JsonNode n;
        try {
            n = Json.parseObject(answer);
        } catch (IllegalArgumentException e) {
            throw new NotifyException("unable to unmarshal response body: " + e.getMessage());
        }
        if (!n.path("ok").asBoolean(false)) {
            throw new NotifyException("Slack responded with error: " + n.path("error").asText(""));
        }
    }

    private static URI address(String address, String what) throws NotifyException {
        try {
            URI u = URI.create(address.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("expected an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new NotifyException("invalid " + what + " '" + address + "': " + e.getMessage());
        }
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
