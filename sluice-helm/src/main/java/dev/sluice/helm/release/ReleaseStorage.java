package dev.sluice.helm.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helm's Secret storage driver on the {@link Cluster} port: one Secret per revision, named
 * {@code sh.helm.release.v1.<name>.v<version>}, of type {@code helm.sh/release.v1}, labelled
 * {@code name}, {@code owner=helm}, {@code status}, {@code version} and {@code modifiedAt}, the
 * release in {@code data.release}. The same in both modes: in embedded mode the Secrets live in
 * the embedded store, on a real cluster {@code helm list} reads them. Thread-safe; a Secret that
 * cannot be decoded is skipped (and logged), never fatal.
 */
public final class ReleaseStorage {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseStorage.class);
    public static final String TYPE = "helm.sh/release.v1";
    private static final GroupKind SECRET = GroupKind.of("", "Secret");

    private final Cluster cluster;
    private final Clock clock;

    public ReleaseStorage(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    public static String secretName(String release, int version) {
        return "sh.helm.release.v1." + release + ".v" + version;
    }

    /** Every stored revision of {@code release} in {@code namespace}, oldest first. */
    public List<Release> history(String namespace, String release) {
        List<Release> out = new ArrayList<>();
        for (KubeObject s : cluster.list(SECRET, namespace, LabelSelector.matching(Map.of("owner", "helm", "name", release)))) {
            String data = s.field("data").path("release").asText("");
            try {
                Release r = ReleaseCodec.decode(new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8));
                if (r.name().equals(release)) {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping Helm release Secret {}/{}: {}", namespace, s.name(), e.getMessage());
            }
        }
        out.sort(Comparator.comparingInt(Release::version));
        return out;
    }

    /** The newest revision, if any. */
    public Optional<Release> last(String namespace, String release) {
        List<Release> h = history(namespace, release);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    public Optional<Release> get(String namespace, String release, int version) {
        return history(namespace, release).stream().filter(r -> r.version() == version).findFirst();
    }

    /** Stores a new revision; {@link ClusterException.Reason#ALREADY_EXISTS} if that version exists. */
    public void create(Release r, String storageNamespace) {
        cluster.create(secret(r, storageNamespace));
    }

    /** Replaces a stored revision (e.g. pending to deployed, deployed to superseded). */
    public void update(Release r, String storageNamespace) {
        ObjectKey key = new ObjectKey(SECRET, storageNamespace, secretName(r.name(), r.version()));
        KubeObject next = secret(r, storageNamespace);
        Optional<KubeObject> current = cluster.get(key);
        if (current.isEmpty()) {
            cluster.create(next);
        } else {
            cluster.update(next.withMetadata("resourceVersion", current.get().resourceVersion()));
        }
    }

    public void delete(String storageNamespace, String release, int version) {
        try {
            cluster.delete(new ObjectKey(SECRET, storageNamespace, secretName(release, version)), DeleteOptions.background());
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                throw e;
            }
        }
    }

    /**
     * Keeps at most {@code max} revisions (0 keeps all), deleting the oldest first but never the
     * newest deployed one, as Helm's {@code --history-max}.
     */
    public void trim(String storageNamespace, String release, int max) {
        if (max <= 0) {
            return;
        }
        List<Release> h = history(storageNamespace, release);
        int lastDeployed = h.stream().filter(r -> r.status().equals(Release.DEPLOYED)).mapToInt(Release::version).max().orElse(-1);
        int excess = h.size() - max;
        for (Release r : h) {
            if (excess <= 0) {
                break;
            }
            if (r.version() != lastDeployed && r.version() != h.get(h.size() - 1).version()) {
                delete(storageNamespace, release, r.version());
                excess--;
            }
        }
    }

    private KubeObject secret(Release r, String storageNamespace) {
        ObjectNode s = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode meta = s.putObject("metadata");
        meta.put("name", secretName(r.name(), r.version())).put("namespace", storageNamespace);
        meta.putObject("labels").put("name", r.name()).put("owner", "helm").put("status", r.status())
                .put("version", Integer.toString(r.version()))
                .put("modifiedAt", Long.toString(clock.instant().getEpochSecond()));
        s.put("type", TYPE);
        s.putObject("data").put("release",
                Base64.getEncoder().encodeToString(ReleaseCodec.encode(r).getBytes(StandardCharsets.UTF_8)));
        return KubeObject.of(s);
    }
}
