package dev.sluice.gitops.kustomization;

import dev.sluice.api.ObjectKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What one reconciliation did to each object, in Flux's vocabulary ({@code Deployment/apps/web
 * configured}). Mutable while a reconciliation fills it; not thread-safe.
 */
public final class ChangeSet {

    public enum Action { CREATED, CONFIGURED, UNCHANGED, DELETED, SKIPPED }

    public record Entry(ObjectKey key, Action action) {

        @Override
        public String toString() {
            return key + " " + action.name().toLowerCase();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public void add(ObjectKey key, Action action) {
        entries.add(new Entry(key, action));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** True when something was created, configured or deleted. */
    public boolean changedAnything() {
        return entries.stream().anyMatch(e -> e.action() != Action.UNCHANGED && e.action() != Action.SKIPPED);
    }

    /** The lines of the changes (unchanged objects left out), as Flux's event message lists them. */
    public String changesMessage() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            if (e.action() != Action.UNCHANGED) {
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                b.append(e);
            }
        }
        return b.toString();
    }
}
