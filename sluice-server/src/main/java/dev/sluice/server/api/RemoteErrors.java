package dev.sluice.server.api;

import dev.sluice.cluster.ClusterException;

/** Maps an API failure back to a {@link ClusterException.Reason}, for clients of this API. */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    public static ClusterException.Reason reasonOf(String reason, int code) {
        return ApiStatus.reasonOf(reason, code);
    }
}
