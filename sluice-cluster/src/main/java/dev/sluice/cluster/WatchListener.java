package dev.sluice.cluster;

/** Receives watch events; must return quickly (enqueue work, do not do it). */
@FunctionalInterface
public interface WatchListener {

    void onEvent(WatchEvent event);

    /** The watch ended abnormally (e.g. expired); re-list and watch again. Default: ignore. */
    default void onClose(ClusterException cause) {
    }
}
