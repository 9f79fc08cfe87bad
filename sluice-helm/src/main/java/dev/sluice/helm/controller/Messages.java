package dev.sluice.helm.controller;

/** helm-controller's message formats, word for word, so dashboards and alerts keep matching. */
final class Messages {

    static final String INSTALL_SUCCESS = "Helm install succeeded for release %s with chart %s";
    static final String INSTALL_FAILURE = "Helm install failed for release %s with chart %s: %s";
    static final String UPGRADE_SUCCESS = "Helm upgrade succeeded for release %s with chart %s";
    static final String UPGRADE_FAILURE = "Helm upgrade failed for release %s with chart %s: %s";
    static final String TEST_PENDING = "Helm release %s with chart %s is awaiting tests";
    static final String TEST_SUCCESS = "Helm test succeeded for release %s with chart %s: %s";
    static final String TEST_FAILURE = "Helm test failed for release %s with chart %s: %s";
    static final String ROLLBACK_SUCCESS = "Helm rollback to previous release %s with chart %s succeeded";
    static final String ROLLBACK_FAILURE = "Helm rollback to previous release %s with chart %s failed: %s";
    static final String UNINSTALL_REMEDIATION_SUCCESS = "Helm uninstall remediation for release %s with chart %s succeeded";
    static final String UNINSTALL_REMEDIATION_FAILURE = "Helm uninstall remediation for release %s with chart %s failed: %s";
    static final String UNINSTALL_SUCCESS = "Helm uninstall succeeded for release %s with chart %s";
    static final String UNINSTALL_FAILURE = "Helm uninstall failed for release %s with chart %s: %s";
    static final String UNLOCK_SUCCESS = "Unlocked Helm release %s with chart %s in %s state";
    static final String RETRIES_EXCEEDED = "Failed to %s after %d attempt(s)";
    static final String RUNNING = "Running '%s' action with timeout of %s";
    static final String DRIFTED = "Cluster state of release %s has drifted from the desired state:\n%s";
    static final String DRIFT_CORRECTED = "Cluster state of release %s has been corrected:\n%s";

    private Messages() {
    }
}
