package dev.sluice.gitops.notification.alert;

import dev.sluice.gitops.notification.FluxEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * notification-controller's rate limit on duplicate events: an event with the same involved object
 * (name, namespace, kind), message and {@code originRevision}, {@code revision} and {@code token}
 * metadata as one let through less than {@code window} ago (5 minutes by default) is dropped.
 * Time comes from the caller. Thread-safe; memory stays bounded by forgetting expired keys.
 */
public final class DuplicateLimiter {

    public static final Duration FLUX_WINDOW = Duration.ofMinutes(5);
    private static final int SWEEP_ABOVE = 4096;

    private final Duration window;
    private final Map<String, Instant> passed = new HashMap<>();

    public DuplicateLimiter(Duration window) {
        this.window = window;
    }

    /** True when {@code e} may go on (and is remembered from {@code now}); false for a duplicate. */
    public synchronized boolean admit(FluxEvent e, Instant now) {
        String key = key(e);
        Instant last = passed.get(key);
        if (last != null && now.isBefore(last.plus(window))) {
            return false;
        }
        passed.put(key, now);
        if (passed.size() > SWEEP_ABOVE) {
            for (Iterator<Instant> it = passed.values().iterator(); it.hasNext(); ) {
                if (!now.isBefore(it.next().plus(window))) {
                    it.remove();
                }
            }
        }
        return true;
    }

    /** Flux's key: a sha256 of the identifying parts, so long messages cost little memory. */
    static String key(FluxEvent e) {
        StringBuilder b = new StringBuilder("event")
                .append("/name=").append(e.involvedObject().name())
                .append("/namespace=").append(e.involvedObject().namespace())
                .append("/kind=").append(e.involvedObject().kind())
                .append("/message=").append(e.message());
        String group = e.involvedObject().group() + "/";
        Map<String, String> m = e.metadata();
        for (String k : new String[] {"originRevision", "revision", "token"}) {
            String v = m.get(group + k);
            if (v != null) {
                b.append('/').append(k).append('=').append(v);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK always has SHA-256", ex);
        }
    }
}
