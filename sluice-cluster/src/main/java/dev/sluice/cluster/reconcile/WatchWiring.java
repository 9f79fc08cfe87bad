package dev.sluice.cluster.reconcile;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Feeds a {@link Controller} from {@link Cluster#watch}: the kind it reconciles (each object enqueues
 * itself) and related kinds through a mapping (a Deployment change enqueues the Canaries that target
 * it). Each kind is listed, then watched from the version read before the list; when a watch ends
 * (e.g. {@code EXPIRED}, 410) the kind is listed again and whatever changed or vanished meanwhile is
 * enqueued. Lists run as reconciles of an internal controller on the same scheduler, so a failing
 * list is retried with the scheduler's backoff and tests drive it with {@code runUntilIdle()}.
 *
 * <p>Configure, then {@link #start()}; {@link #close()} stops the watches. Thread-safe.
 */
public final class WatchWiring implements AutoCloseable {

    /** The kind of the internal list-and-watch keys; no real object has it. */
    static final GroupKind LIST_KIND = GroupKind.of("internal.sluice.dev", "ListWatch");
    private static final String ALL = "*";

    private final Cluster cluster;
    private final Controller target;
    private String namespace = "";
    private Fingerprint primaryChanges = Fingerprint.GENERATION_OR_REQUEST;
    private final Map<GroupKind, KindWatch> watches = new LinkedHashMap<>();
    private final Map<GroupKind, Related> related = new LinkedHashMap<>();
    private Controller lister;
    private boolean started;
    private boolean closed;

    private record Related(Fingerprint changes, Function<KubeObject, ? extends Collection<ObjectKey>> mapper) {
    }

    private WatchWiring(Cluster cluster, Controller target) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.target = Objects.requireNonNull(target, "controller");
    }

    /** Wiring for {@code controller}'s own kind, in all namespaces, counting spec changes and reconcile requests. */
    public static WatchWiring of(Cluster cluster, Controller controller) {
        return new WatchWiring(cluster, controller);
    }

    /** Watch one namespace only ("" for all). */
    public synchronized WatchWiring inNamespace(String ns) {
        requireNotStarted();
        namespace = Objects.requireNonNull(ns, "namespace");
        return this;
    }

    /** Which changes of the controller's own kind enqueue (default {@link Fingerprint#GENERATION_OR_REQUEST}). */
    public synchronized WatchWiring primaryChanges(Fingerprint changes) {
        requireNotStarted();
        primaryChanges = Objects.requireNonNull(changes, "changes");
        return this;
    }

    /** Every change of a {@code kind} object enqueues the keys {@code mapper} returns for it. */
    public WatchWiring related(GroupKind kind, Function<KubeObject, ? extends Collection<ObjectKey>> mapper) {
        return related(kind, Fingerprint.ANY_CHANGE, mapper);
    }

    /** Changes of a {@code kind} object that {@code changes} counts enqueue the keys {@code mapper} returns. */
    public synchronized WatchWiring related(GroupKind kind, Fingerprint changes,
                                            Function<KubeObject, ? extends Collection<ObjectKey>> mapper) {
        requireNotStarted();
        if (kind.equals(target.kind()) || related.containsKey(kind)) {
            throw new IllegalArgumentException(kind + " is already watched for " + target.name());
        }
        related.put(kind, new Related(Objects.requireNonNull(changes), Objects.requireNonNull(mapper)));
        return this;
    }

    /** Registers the internal lister and asks it to list and watch every kind (asynchronously). */
    public synchronized WatchWiring start() {
        requireNotStarted();
        started = true;
        Scheduler scheduler = target.scheduler();
        lister = scheduler.register("list-watch/" + target.name(), new Lister(), 1);
        add(target.kind(), primaryChanges, o -> List.of(o.key()));
        related.forEach((kind, r) -> add(kind, r.changes(), r.mapper()));
        // One first list of every kind, so an object enqueued by several kinds runs once at start.
        lister.enqueue(new ObjectKey(LIST_KIND, namespace, ALL));
        return this;
    }

    private void add(GroupKind kind, Fingerprint changes, Function<KubeObject, ? extends Collection<ObjectKey>> mapper) {
        ObjectKey key = listKey(kind);
        watches.put(kind, new KindWatch(cluster, kind, namespace, changes, mapper, target::enqueue,
                () -> lister.enqueue(key)));
    }

    private ObjectKey listKey(GroupKind kind) {
        return new ObjectKey(LIST_KIND, namespace, kind.toString());
    }

    /** Stops every watch and unregisters the internal lister. Idempotent. */
    @Override
    public void close() {
        Controller l;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            l = lister;
        }
        watches.values().forEach(KindWatch::close);
        if (l != null) {
            l.scheduler().remove(l);
        }
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("the wiring of " + target.name() + " has already started");
        }
    }

    /** Lists and watches one kind per key; a failure is retried with the scheduler's backoff. */
    private final class Lister implements Reconciler {
        @Override
        public GroupKind kind() {
            return LIST_KIND;
        }

        @Override
        public Result reconcile(ObjectKey key) {
            watches.values().stream().filter(w -> key.name().equals(ALL) || w.kind().toString().equals(key.name()))
                    .forEach(KindWatch::relist);
            return Result.done();
        }
    }
}
