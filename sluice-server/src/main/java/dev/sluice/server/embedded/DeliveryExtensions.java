package dev.sluice.server.embedded;

import dev.sluice.local.apps.BuiltinApps;
import java.net.InetSocketAddress;

/**
 * The progressive-delivery half of embedded mode: the load tester as a built-in app and the canary
 * controller. Kept apart from {@link EmbeddedRuntime} so the GitOps half can run on its own.
 */
final class DeliveryExtensions {

    static final DeliveryExtensions INSTANCE = new DeliveryExtensions();

    void registerApps(BuiltinApps apps, InetSocketAddress mesh) {
        // The load tester joins here once its built-in app exists.
    }

    AutoCloseable startDeliveryControllers(EmbeddedRuntime runtime, InetSocketAddress mesh) {
        return () -> { };
    }
}
