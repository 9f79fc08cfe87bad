package dev.sluice.cluster.embedded;

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
import dev.sluice.cluster.apply.SharedMergeKeys;
import dev.sluice.cluster.apply.FieldManagedApply;
import dev.sluice.cluster.apply.MergeKeyTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's cluster: a Kubernetes-like API server in the process, in memory and (unless
 * built in-memory) persisted crash-safely under a state directory; see {@code docs/embedded-store.md}
 * for the format and its guarantees.
 *
 * <p>Semantics are the API server's (see {@link Cluster}): resourceVersion optimistic locking,
 * generation, the status subresource, finalizers, owner-reference garbage collection (done within
 * the deleting call), namespaces that must exist and that delete their contents, server-side apply
 * with field managers. Kinds are scoped by {@link ResourceTypes} and the CustomResourceDefinitions
 * stored; a kind nobody defined is accepted, namespaced when it carries a namespace (embedded mode is
 * lenient where a real cluster would answer 404). Objects are stored as written: there is no version
 * conversion and no defaulting beyond Namespace phase and CRD conditions.
 *
 * <p>Thread-safe. Writes are serialized and acknowledged only once durable (group commit, one
 * fdatasync per group); reads see acknowledged writes only and never wait for the disk. Timestamps
 * (creation, deletion, managedFields, events) come from the injected clock, uids from the injected
 * random generator.
 */
public final class EmbeddedCluster implements Cluster, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);

    private final ReentrantLock writeLock = new ReentrantLock();
    private final State state = new State();
    private final ReadView view;
    private final Kinds kinds;
    private final Writes writes;
    private final Lifecycle lifecycle;
    private final StoreOptions options;
    private final ExecutorService dispatcher;
    private final StateDirectory directory;
    private final Clock clock;
    /** The last attempt to reopen the log after a write that did not fit; guarded by the write lock. */
    private Instant lastReopen;
    private WatchHub hub;
    private Committer committer;
    private volatile boolean closed;

    private EmbeddedCluster(Builder b, StateDirectory directory) {
        this.options = b.options;
        this.directory = directory;
        this.clock = b.clock;
        this.kinds = new Kinds(b.types);
        FieldManagedApply ssa = new FieldManagedApply(b.mergeKeys);
        this.lifecycle = new Lifecycle(b.clock, ssa, kinds);
        this.writes = new Writes(b.clock, new Identities(b.random), kinds, ssa, lifecycle);
        this.view = new ReadView(new EventBook(options.eventsPerObject(), options.eventsTotal(),
                options.eventsBytes()));
        AtomicInteger n = new AtomicInteger();
        this.dispatcher = Executors.newFixedThreadPool(options.dispatcherThreads(), r -> {
            Thread t = new Thread(r, "sluice-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A store that keeps nothing on disk, with default options: for tests. */
    public static EmbeddedCluster inMemory(Clock clock, RandomGenerator random) {
        return builder().clock(clock).random(random).build();
    }

    private void load(Recovery.Recovered r) {
        // The writers' indexes and the readers' view are independent: build them side by side.
        CompletableFuture<Void> writers = CompletableFuture.runAsync(() -> {
            r.objects().values().forEach(state::put);
            state.advanceTo(r.resourceVersion());
        });
        view.load(r.objects(), r.events(), r.resourceVersion());
        writers.join();
        for (KubeObject o : view.list(Kinds.CRD, "", LabelSelector.everything())) {
            try {
                kinds.register(kinds.fromCrd(o));
            } catch (ClusterException invalid) {
                // Stored before validation existed or by hand; it defines nothing.
            }
        }
    }

    private void start(Function<WatchHub, Committer> committerOf) {
        this.hub = new WatchHub(view, options.watchHistory(), options.watchHistoryBytes(), options.watchQueueLimit(),
                dispatcher);
        this.committer = committerOf.apply(hub);
        write(tx -> {
            lifecycle.sweep(tx, state.ownerUids(), state.all());
            return null;
        });
        if (state.size() == 0 && state.resourceVersion() == 0) {
            for (String ns : options.initialNamespaces()) {
                create(KubeObject.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}"));
            }
        }
    }

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        return view.get(kinds.normalize(key));
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return view.list(kind, kinds.listNamespace(kind, namespace == null ? "" : namespace),
                selector == null ? LabelSelector.everything() : selector);
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        if (!options.dryRun()) {
            return write(tx -> writes.apply(tx, desired, options));
        }
        writeLock.lock();
        try {
            ensureOpen();
            Transaction scratch = new Transaction(state);
            ApplyResult r = writes.apply(scratch, desired, options);
            if (r.action() == ApplyResult.Action.UNCHANGED) {
                return r;
            }
            Optional<KubeObject> live = Optional.ofNullable(state.get(r.object().key()));
            KubeObject shown = live.map(l -> r.object().withMetadata("resourceVersion", l.resourceVersion()))
                    .orElseGet(() -> r.object().edit(n -> n.withObject("metadata").remove("resourceVersion")));
            return new ApplyResult(shown, r.action());
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public KubeObject create(KubeObject object) {
        return create(object, options.defaultFieldManager());
    }

    @Override
    public KubeObject create(KubeObject object, String fieldManager) {
        return write(tx -> writes.create(tx, object, manager(fieldManager)));
    }

    @Override
    public KubeObject update(KubeObject object) {
        return update(object, options.defaultFieldManager());
    }

    @Override
    public KubeObject update(KubeObject object, String fieldManager) {
        return write(tx -> writes.update(tx, object, manager(fieldManager)));
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return updateStatus(object, options.defaultFieldManager());
    }

    @Override
    public KubeObject updateStatus(KubeObject object, String fieldManager) {
        return write(tx -> writes.updateStatus(tx, object, manager(fieldManager)));
    }

    private String manager(String fieldManager) {
        return fieldManager == null || fieldManager.isBlank() ? options.defaultFieldManager() : fieldManager;
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        write(tx -> {
            writes.delete(tx, key, options);
            return null;
        });
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return hub.open(kind, kinds.listNamespace(kind, namespace == null ? "" : namespace), resourceVersion, listener);
    }

    @Override
    public String currentResourceVersion() {
        return Long.toString(view.resourceVersion());
    }

    @Override
    public void recordEvent(EventRecord event) {
        write(tx -> {
            writes.event(tx, event);
            return null;
        });
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return involved == null ? view.events().all() : view.events().of(kinds.normalize(involved));
    }

    /**
     * Runs one write: computes it under the write lock, hands it to the committer, and returns once
     * it is durable. A failing operation changes nothing.
     */
    private <T> T write(Function<Transaction, T> op) {
        CompletableFuture<Void> durable;
        T result;
        writeLock.lock();
        try {
            ensureOpen();
            if (committer.failedBeforeSync()) {
                reopenLog();
            }
            Transaction tx = new Transaction(state);
            result = op.apply(tx);
            if (tx.isEmpty()) {
                return result;
            }
            tx.commitTo(state);
            durable = committer.submit(tx.changes(), state.resourceVersion());
        } finally {
            writeLock.unlock();
        }
        try {
            durable.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ClusterException c ? c
                    : new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "store write failed: " + e.getCause(),
                    List.of(), e.getCause());
        }
        return result;
    }

    /**
     * After a write that did not fit (disk full), at most once a second: closes the log, recovers the
     * directory as a restart would (dropping the torn tail of the refused write), resets the writers'
     * state to it (the refused writes were never visible) and starts a new segment. While there is
     * still no space this fails and the store keeps refusing writes with the original error. Write lock held.
     */
    private void reopenLog() {
        Instant now = clock.instant();
        if (lastReopen != null && now.isBefore(lastReopen.plusSeconds(1))) {
            return;
        }
        lastReopen = now;
        Path dir = directory.path();
        try {
            committer.close();
            Recovery.Recovered r = Recovery.recover(dir);
            state.clear();
            r.objects().values().forEach(state::put);
            state.advanceTo(r.resourceVersion());
            Wal wal = Wal.create(dir, r.nextSegment());
            committer = new LogCommitter(dir, wal, hub, view, options.minSnapshotBytes(), r.snapshotBytes(), r.logBytes());
            LOG.warn("the store in {} writes again after a failed write; recovered at resourceVersion {}", dir,
                    r.resourceVersion());
        } catch (IOException | RuntimeException e) {
            LOG.warn("the store in {} still cannot write: {}", dir, e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "the store is closed");
        }
    }

    /** Makes every acknowledged write durable, ends all watches and releases the state directory. Idempotent. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (committer != null) {
                committer.close();
            }
        } finally {
            writeLock.unlock();
        }
        if (hub != null) {
            hub.closeAll();
        }
        dispatcher.shutdown();
        if (directory != null) {
            directory.close();
        }
    }

    /** Configures an {@link EmbeddedCluster}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private ResourceTypes types = ResourceTypes.builtIn();
        private MergeKeyTable mergeKeys = SharedMergeKeys.builtin();
        private StoreOptions options = StoreOptions.defaults();
        private Path stateDirectory;

        private Builder() {
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        /** The kind registry; kinds of stored CustomResourceDefinitions are registered into it. */
        public Builder resourceTypes(ResourceTypes t) {
            this.types = Objects.requireNonNull(t);
            return this;
        }

        /** How lists merge under server-side apply. */
        public Builder mergeKeys(MergeKeyTable t) {
            this.mergeKeys = Objects.requireNonNull(t);
            return this;
        }

        public Builder options(StoreOptions o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        /** Persist under this directory (created if missing); without it the store is in memory only. */
        public Builder stateDirectory(Path dir) {
            this.stateDirectory = dir;
            return this;
        }

        /**
         * Opens the store, recovering the state directory's contents.
         *
         * @throws ClusterException UNAVAILABLE when the directory is in use by another process, cannot
         *                          be read, or holds damage other than a torn last write
         */
        public EmbeddedCluster build() {
            if (stateDirectory == null) {
                EmbeddedCluster c = new EmbeddedCluster(this, null);
                c.start(Committer::inMemory);
                return c;
            }
            StateDirectory dir = null;
            try {
                dir = StateDirectory.lock(stateDirectory);
                Recovery.Recovered r = Recovery.recover(stateDirectory);
                EmbeddedCluster c = new EmbeddedCluster(this, dir);
                dir = null; // the store owns it now and releases it on close
                try {
                    c.load(r);
                    Wal wal = Wal.create(stateDirectory, r.nextSegment());
                    c.start(hub -> new LogCommitter(stateDirectory, wal, hub, c.view, options.minSnapshotBytes(),
                            r.snapshotBytes(), r.logBytes()));
                    return c;
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "cannot open the store in "
                        + stateDirectory + ": " + e, List.of(), e);
            } finally {
                if (dir != null) {
                    dir.close();
                }
            }
        }
    }
}
