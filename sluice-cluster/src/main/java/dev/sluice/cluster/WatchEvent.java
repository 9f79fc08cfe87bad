package dev.sluice.cluster;

import dev.sluice.api.KubeObject;

/** One change seen by a watch; for DELETED, {@code object} is the last stored state. */
public record WatchEvent(Type type, KubeObject object) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
