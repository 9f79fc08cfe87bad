package dev.sluice.gitops.notification.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.Yaml;
import dev.sluice.api.notification.Alert;
import dev.sluice.api.notification.Provider;
import dev.sluice.api.notification.ProviderModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.notification.SecretKeys;
import dev.sluice.gitops.notification.notifier.NotifierSettings;
import dev.sluice.gitops.notification.notifier.NotifyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an Alert's Provider and its Secret into {@link NotifierSettings}, as notification-controller
 * does: the Secret's {@code address} replaces {@code spec.address}, its {@code token} and
 * {@code headers} (a YAML map) are used. Proxies ({@code spec.proxy}, {@code proxySecretRef}, the
 * Secret's {@code proxy}) and {@code certSecretRef} are not supported yet: they are ignored with a
 * warning in the log, once per Provider. Thread-safe.
 */
final class ProviderResolver {

    static final GroupKind PROVIDER = GroupKind.of(ResourceTypes.NOTIFICATION, "Provider");
    private static final Logger LOG = LoggerFactory.getLogger(ProviderResolver.class);

    private final Cluster cluster;
    private final ProviderModel model = new ProviderModel();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ProviderResolver(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * @return the settings, or empty when the Provider is suspended
     * @throws NotifyException naming the Provider or Secret that cannot be read
     */
    Optional<NotifierSettings> resolve(Alert alert) throws NotifyException {
        String ns = alert.namespace();
        String name = alert.spec().providerName();
        KubeObject obj = cluster.get(new ObjectKey(PROVIDER, ns, name)).orElseThrow(() -> new NotifyException(
                "failed to read provider: providers.notification.toolkit.fluxcd.io \"" + name + "\" not found"));
        Provider p;
        try {
            p = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            throw new NotifyException("failed to read provider: " + e.getMessage());
        }
        if (p.spec().suspend()) {
            return Optional.empty();
        }
        String address = p.spec().address();
        String token = "";
        Map<String, String> headers = Map.of();
        boolean proxy = !p.spec().proxy().isEmpty() || !p.spec().proxySecretName().isEmpty();
        if (!p.spec().secretName().isEmpty()) {
            String secret = p.spec().secretName();
            Map<String, String> keys;
            try {
                keys = SecretKeys.read(cluster, ns, secret).orElseThrow(() -> new NotifyException(
                        "failed to get secret '" + ns + "/" + secret + "': secrets \"" + secret + "\" not found"));
            } catch (IllegalArgumentException e) {
                throw new NotifyException("failed to get secret '" + ns + "/" + secret + "': " + e.getMessage());
            }
            address = keys.getOrDefault("address", address).strip();
            token = keys.getOrDefault("token", "").strip();
            if (keys.containsKey("headers")) {
                headers = headers(keys.get("headers"));
            }
            proxy |= keys.containsKey("proxy");
        }
        if (proxy && warned.add("proxy/" + ns + "/" + name)) {
            LOG.warn("Provider {}/{}: proxies are not supported by Sluice yet; notifications are sent directly", ns, name);
        }
        if (!p.spec().certSecretName().isEmpty() && warned.add("cert/" + ns + "/" + name)) {
            LOG.warn("Provider {}/{}: certSecretRef is not supported by Sluice yet; the JDK's trusted CAs are used", ns, name);
        }
        if (address.isEmpty()) {
            throw new NotifyException("failed to initialize notifier for provider '" + name
                    + "': no address (set spec.address or the 'address' key of its Secret)");
        }
        return Optional.of(new NotifierSettings(p.spec().type(), address, token, headers, p.spec().channel(),
                p.spec().username(), p.spec().effectiveTimeout()));
    }

    private static Map<String, String> headers(String yaml) throws NotifyException {
        JsonNode n;
        try {
            n = Yaml.readOne(yaml, "headers").content();
        } catch (InvalidInputException e) {
            throw new NotifyException("failed to read headers from secret: " + e.getMessage());
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new NotifyException("failed to read headers from secret: expected a map of header names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
