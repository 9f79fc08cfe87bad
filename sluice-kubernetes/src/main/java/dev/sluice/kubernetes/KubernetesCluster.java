package dev.sluice.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Cluster} port on a real Kubernetes API server, through fabric8's generic resources: any
 * kind, known to {@link ResourceTypes} or found by discovery. Every call goes to the API server (no
 * cache; {@link InformerCluster} adds one for the controllers' kinds). Thread-safe; blocking calls,
 * meant for the scheduler's virtual threads.
 *
 * <p>Server-side apply sends {@code application/apply-patch+yaml} with the caller's field manager
 * ({@code sluice}), {@code force} and {@code dryRun=All}; before applying over an existing object it
 * takes over the fields that kubectl and older managers own ({@link FieldManagerTakeover}), as Flux
 * does. Failures are {@link ClusterException}s: 404 {@code NOT_FOUND}, 409 {@code ALREADY_EXISTS} or
 * {@code CONFLICT} (stale resourceVersion, apply field conflict), 410 {@code EXPIRED}, 400/422
 * {@code INVALID} with the server's field causes, 401/403 and missing namespaces {@code FORBIDDEN},
 * anything else {@code UNAVAILABLE}. The {@link KubernetesOptions#watchLabelSelector()} is added to
 * every list and watch of the controllers' own kinds.
 */
public final class KubernetesCluster implements Cluster, AutoCloseable {

    private static final long PAGE = 500;

    private final KubernetesClient client;
    private final Kinds kinds;
    private final LabelSelector shard;
    private final Events events;
    private final String namespace;
    private final ResourceTypes types;
    private final String reportingInstance;
    private final Clock clock;
    private final RateLimitInterceptor limiter;
    private final java.util.Map<String, KubernetesCluster> impersonated = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param client            a client this adapter now owns (closed by {@link #close()})
     * @param types             known kinds; kinds found by discovery are added to it
     * @param shard             the watch label selector ({@link LabelSelector#everything()} for none)
     * @param reportingInstance the {@code reportingInstance} of Events, e.g. the pod name
     */
    public KubernetesCluster(KubernetesClient client, ResourceTypes types, LabelSelector shard, String reportingInstance,
                             Clock clock) {
        this(client, types, shard, reportingInstance, clock, null);
    }

    private KubernetesCluster(KubernetesClient client, ResourceTypes types, LabelSelector shard, String reportingInstance,
                              Clock clock, RateLimitInterceptor limiter) {
        this.client = Objects.requireNonNull(client, "client");
        this.types = types;
        this.reportingInstance = reportingInstance;
        this.clock = clock;
        this.limiter = limiter;
        this.kinds = new Kinds(client, types);
        this.shard = Objects.requireNonNull(shard, "shard");
        this.namespace = client.getNamespace() == null ? "default" : client.getNamespace();
        this.events = new Events(client, gk -> apiVersionOf(gk), reportingInstance, clock);
    }

    /** Connects as {@code options} say; the built-in kinds, the system clock, the host name as event instance. */
    public static KubernetesCluster connect(KubernetesOptions options) {
        return connect(options, Clients.hostName());
    }

    /**
     * Connects as {@code options} say, reporting Events as {@code reportingInstance} (the pod name).
     *
     * @throws IllegalArgumentException when the kubeconfig named cannot be read
     */
    public static KubernetesCluster connect(KubernetesOptions options, String reportingInstance) {
        RateLimitInterceptor limiter = Clients.limiter(options);
        return new KubernetesCluster(Clients.build(Clients.config(options), limiter), ResourceTypes.builtIn(),
                options.watchLabelSelector(), reportingInstance, Clock.systemUTC(), limiter);
    }

    /**
     * The same cluster seen as a ServiceAccount (a Kustomization's {@code spec.serviceAccountName}):
     * every request is authorized as {@code system:serviceaccount:<namespace>:<name>}, so a tenant can
     * only apply what that account may. Created once per account and closed with this cluster; the
     * rate limit is shared. Needs the {@code impersonate} verb on serviceaccounts.
     */
    public KubernetesCluster impersonating(String serviceAccountNamespace, String serviceAccount) {
        return impersonated.computeIfAbsent(serviceAccountNamespace + "/" + serviceAccount, k -> new KubernetesCluster(
                Clients.impersonating(client, serviceAccountNamespace, serviceAccount, limiter), types, shard,
                reportingInstance, clock, limiter));
    }

    /** The namespace Sluice runs in (from the options, the kubeconfig or the service account). */
    public String namespace() {
        return namespace;
    }

    /** The fabric8 client, for leader election and informers. */
    public KubernetesClient client() {
        return client;
    }

    Kinds kinds() {
        return kinds;
    }

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        ResourceDefinitionContext ctx = kinds.of(key.groupKind());
        try {
            GenericKubernetesResource r = Resources.resource(client, ctx, key).get();
            return Optional.ofNullable(r).map(this::toObject);
        } catch (KubernetesClientException e) {
            throw Errors.map("get", key, e);
        }
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String ns, LabelSelector selector) {
        ResourceDefinitionContext ctx = kinds.of(kind);
        String labels = selectorFor(kind, selector);
        List<KubeObject> out = new ArrayList<>();
        String next = null;
        try {
            do {
                ListOptionsBuilder o = new ListOptionsBuilder().withLimit(PAGE).withContinue(next);
                if (!labels.isEmpty()) {
                    o.withLabelSelector(labels);
                }
                GenericKubernetesResourceList page = Resources.collection(client, ctx, ns).list(o.build());
                page.getItems().forEach(i -> out.add(toObject(i)));
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new ClusterException(ClusterException.Reason.NOT_FOUND, null, "list " + kind
                        + ": the API server does not serve " + ctx.getGroup() + "/" + ctx.getVersion() + " "
                        + ctx.getPlural() + "; is its CustomResourceDefinition installed?", List.of(), e);
            }
            throw Errors.map("list " + kind + (ns.isEmpty() ? "" : " in " + ns), null, e);
        }
        return out;
    }

    /** The caller's selector and, for the controllers' own kinds, the shard selector, as one string. */
    String selectorFor(GroupKind kind, LabelSelector selector) {
        String a = selector.toString();
        String b = KubernetesOptions.isShardedKind(kind) ? shard.toString() : "";
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b;
    }

    LabelSelector shard() {
        return shard;
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        ObjectKey key = desired.key();
        ResourceDefinitionContext ctx = kinds.of(desired.groupKind(), desired.version());
        requireNamespace(ctx, key);
        try {
            GenericKubernetesResource existing = Resources.resource(client, ctx, key).get();
            String before = existing == null ? "" : existing.getMetadata().getResourceVersion();
            if (existing != null && !options.dryRun()) {
                before = takeOver(ctx, key, desired, existing, options.fieldManager()).orElse(before);
            }
            PatchContext patch = new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(options.fieldManager())
                    .withForce(options.force())
                    .withDryRun(options.dryRun() ? List.of("All") : null)
                    .build();
            // resource(item).patch(context) sends the item as it is; patch(context, String) would GET it first.
            GenericKubernetesResource applied = Resources.collection(client, ctx, key.namespace())
                    .resource(toResource(applyBody(desired))).patch(patch);
            KubeObject out = toObject(applied);
            ApplyResult.Action action;
            if (existing == null) {
                action = ApplyResult.Action.CREATED;
            } else if (options.dryRun()) {
                action = Resources.sameContent(toObject(existing), out) ? ApplyResult.Action.UNCHANGED
                        : ApplyResult.Action.CONFIGURED;
            } else {
                action = before.equals(out.resourceVersion()) ? ApplyResult.Action.UNCHANGED : ApplyResult.Action.CONFIGURED;
            }
            return new ApplyResult(out, action);
        } catch (KubernetesClientException e) {
            throw Errors.map("apply", key, e);
        }
    }

    /**
     * Sends Flux's field-manager take-over patch when there is one.
     *
     * @return the resourceVersion after the patch, when one was sent
     */
    private Optional<String> takeOver(ResourceDefinitionContext ctx, ObjectKey key, KubeObject desired,
                                      GenericKubernetesResource existing, String manager) {
        JsonNode current = client.getKubernetesSerialization().convertValue(existing, JsonNode.class);
        Optional<ArrayNode> ops = FieldManagerTakeover.patch(desired.toNode(), current,
                FieldManagerTakeover.defaults(manager), manager);
        if (ops.isEmpty()) {
            return Optional.empty();
        }
        GenericKubernetesResource patched = Resources.collection(client, ctx, key.namespace()).resource(existing)
                .patch(PatchContext.of(PatchType.JSON), ops.get().toString());
        return Optional.of(patched.getMetadata().getResourceVersion());
    }

    /** What to send as the apply body: no resourceVersion (it would act as a precondition), no managedFields. */
    private static KubeObject applyBody(KubeObject desired) {
        ObjectNode n = desired.toNode();
        if (n.get("metadata") instanceof ObjectNode meta) {
            meta.remove("resourceVersion");
            meta.remove("managedFields");
            meta.remove("creationTimestamp");
            meta.remove("uid");
        }
        return KubeObject.of(n);
    }

    @Override
    public KubeObject create(KubeObject object) {
        ResourceDefinitionContext ctx = kinds.of(object.groupKind(), object.version());
        requireNamespace(ctx, object.key());
        try {
            return toObject(Resources.collection(client, ctx, object.namespace()).resource(toResource(object)).create());
        } catch (KubernetesClientException e) {
            throw Errors.map("create", object.key(), e);
        }
    }

    @Override
    public KubeObject update(KubeObject object) {
        ResourceDefinitionContext ctx = kinds.of(object.groupKind(), object.version());
        requireNamespace(ctx, object.key());
        try {
            return toObject(Resources.collection(client, ctx, object.namespace()).resource(toResource(object)).update());
        } catch (KubernetesClientException e) {
            throw Errors.map("update", object.key(), e);
        }
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        ResourceDefinitionContext ctx = kinds.of(object.groupKind(), object.version());
        requireNamespace(ctx, object.key());
        try {
            return toObject(Resources.collection(client, ctx, object.namespace()).resource(toResource(object))
                    .updateStatus());
        } catch (KubernetesClientException e) {
            throw Errors.map("update status of", object.key(), e);
        }
    }

    /**
     * A JSON merge patch (RFC 7386) of the main resource, as {@code kubectl annotate} and {@code flux
     * reconcile} send: only the fields in {@code patch} change, without a resourceVersion precondition.
     *
     * @throws ClusterException {@code NOT_FOUND} when the object does not exist, else as {@link #update}
     */
    public KubeObject mergePatch(ObjectKey key, JsonNode patch) {
        ResourceDefinitionContext ctx = kinds.of(key.groupKind());
        try {
            return toObject(Resources.resource(client, ctx, key).patch(PatchContext.of(PatchType.JSON_MERGE),
                    patch.toString()));
        } catch (KubernetesClientException e) {
            throw Errors.map("patch", key, e);
        }
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        ResourceDefinitionContext ctx = kinds.of(key.groupKind());
        try {
            if (!Resources.delete(client, ctx, key, options)) {
                throw ClusterException.notFound(key);
            }
        } catch (KubernetesClientException e) {
            throw Errors.map("delete", key, e);
        }
    }

    @Override
    public Watch watch(GroupKind kind, String ns, String resourceVersion, WatchListener listener) {
        ResourceDefinitionContext ctx = kinds.of(kind);
        String labels = selectorFor(kind, LabelSelector.everything());
        try {
            return KubeWatch.start(client, ctx, ns, labels, resourceVersion, listener, this::toObject);
        } catch (KubernetesClientException e) {
            throw Errors.map("watch " + kind, null, e);
        }
    }

    /** The version of a one-item namespace list: a consistent read of the store's current version. */
    @Override
    public String currentResourceVersion() {
        try {
            return client.namespaces().list(new ListOptionsBuilder().withLimit(1L).build()).getMetadata()
                    .getResourceVersion();
        } catch (KubernetesClientException e) {
            throw Errors.map("read the current resourceVersion", null, e);
        }
    }

    @Override
    public void recordEvent(EventRecord event) {
        recordEvent(event, null);
    }

    /** Records an event naming a second object it relates to (e.g. the Deployment of a Canary). */
    public void recordEvent(EventRecord event, ObjectKey related) {
        try {
            events.record(event, related);
        } catch (KubernetesClientException e) {
            throw Errors.map("record event " + event.reason() + " about", event.involved(), e);
        }
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        try {
            return events.read(involved);
        } catch (KubernetesClientException e) {
            throw Errors.map("list events of", involved, e);
        }
    }

    /** Closes the client: watches and informers stop. */
    @Override
    public void close() {
        impersonated.values().forEach(KubernetesCluster::close);
        client.close();
    }

    String apiVersionOf(GroupKind gk) {
        ResourceDefinitionContext ctx = kinds.of(gk);
        return ctx.getGroup() == null || ctx.getGroup().isEmpty() ? ctx.getVersion() : ctx.getGroup() + "/" + ctx.getVersion();
    }

    KubeObject toObject(GenericKubernetesResource r) {
        return KubeObject.of(client.getKubernetesSerialization().convertValue(r, JsonNode.class));
    }

    GenericKubernetesResource toResource(KubeObject o) {
        return client.getKubernetesSerialization().convertValue(o.toNode(), GenericKubernetesResource.class);
    }

    private static void requireNamespace(ResourceDefinitionContext ctx, ObjectKey key) {
        if (ctx.isNamespaceScoped() && key.namespace().isEmpty()) {
            throw new ClusterException(ClusterException.Reason.INVALID, key, key.groupKind()
                    + " is namespaced: metadata.namespace of " + key.name() + " must be set");
        }
    }
}
