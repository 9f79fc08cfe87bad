package dev.sluice.cluster.embedded;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;

/** One durable change: what the log records and what readers and watches then see. */
sealed interface Change {

    /**
     * An object stored at {@code rv} (created when {@code added}); {@code json} is its JSON once the
     * committer has encoded it (null before), so the watch history keeps those bytes instead of
     * serializing the object again.
     */
    record Put(Stored stored, boolean added, byte[] json) implements Change {

        Put(Stored stored, boolean added) {
            this(stored, added, null);
        }

        long rv() {
            return stored.rv();
        }

        KubeObject object() {
            return stored.object();
        }
    }

    /** An object removed at {@code rv}; {@code last} is its final state, stamped with {@code rv}. */
    record Removed(long rv, KubeObject last) implements Change {

        ObjectKey key() {
            return last.key();
        }
    }

    /** An event occurrence, aggregated into the event book when published (and again on replay). */
    record Event(EventRecord event) implements Change {
    }
}
