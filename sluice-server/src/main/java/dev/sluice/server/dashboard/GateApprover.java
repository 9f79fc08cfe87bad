package dev.sluice.server.dashboard;

import dev.sluice.api.ObjectKey;

/**
 * Opens a Canary's manual gate (a {@code confirm-rollout}, {@code confirm-traffic-increase} or
 * {@code confirm-promotion} webhook), as {@code curl -d '{"name":N,"namespace":NS}' <loadtester>/gate/open}
 * does with Flagger's load tester. The dashboard's "approve" button calls it. Idempotent (opening an
 * open gate changes nothing); thread-safe; may do I/O.
 *
 * <p>Which load tester answers the gate depends on where Sluice runs: in embedded mode the
 * in-process load tester (no network hop), in Kubernetes mode the Service the webhook URL names.
 * {@link LoadTesterGates} covers the URL case; the composition root chooses.
 */
@FunctionalInterface
public interface GateApprover {

    /** No load tester is known to this server: every approval is refused with an explanation. */
    GateApprover NONE = (canary, webhook, url) -> {
        throw new GateException("no load tester is connected to this server; open the gate with POST "
                + "{\"name\":\"" + canary.name() + "\",\"namespace\":\"" + canary.namespace() + "\"} to the load "
                + "tester's /gate/open");
    };

    /**
     * Opens the gate of {@code canary} that webhook {@code webhook} checks.
     *
     * @param url the webhook's URL from the Canary spec, e.g. {@code http://flagger-loadtester.test/gate/check}
     * @return a short message for the user, e.g. "gate opened"
     * @throws GateException when the gate could not be opened (the message says why)
     */
    String open(ObjectKey canary, String webhook, String url);

    /** A gate that could not be opened; the message is shown to the user. */
    final class GateException extends RuntimeException {

        public GateException(String message) {
            super(message);
        }

        public GateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
