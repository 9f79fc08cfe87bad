package dev.sluice.delivery.canary;

/**
 * Event and alert texts, word for word as Flagger writes them (users' dashboards and scripts match
 * on them), plus the few Sluice adds. {@code n} is {@code name.namespace} of the Canary, {@code x}
 * {@code target.namespace}.
 */
final class Messages {

    private Messages() {
    }

    static final String SUSPENDED = "skipping canary run as object is suspended";
    static final String ROUTING_ALL_TO_PRIMARY = "Routing all traffic to primary";
    static final String ROUTING_ALL_TO_CANARY = "Routing all traffic to canary";
    static final String STOP_MIRRORING = "Stop traffic mirroring and route all traffic to canary";
    static final String AB_NOT_SUPPORTED = "A/B testing is not supported when using the kubernetes provider";
    static final String PROGRESSIVE_NOT_SUPPORTED = "Progressive traffic is not supported when using the kubernetes provider";
    static final String SETTING_ITERATIONS = "Setting canaryAnalysis.iterations: 10";
    static final String UNUSABLE_METRIC = "Metric query failed for no usable metrics template and query were configured";

    // Alerts.
    static final String ALERT_NEW_REVISION = "New revision detected, progressing canary analysis.";
    static final String ALERT_SUCCEEDED = "Canary analysis completed successfully, promotion finished.";
    static final String ALERT_SKIPPED = "Canary analysis was skipped, promotion finished.";
    static final String ALERT_WAITING_ROLLOUT = "Canary is waiting for approval.";
    static final String ALERT_WAITING_PROMOTION = "Canary promotion is waiting for approval.";
    static final String ALERT_WAITING_TRAFFIC = "Canary traffic increase is waiting for approval.";
    static final String ALERT_MANUAL_ROLLBACK = "Rolling back manual webhook invoked";

    static String initializationDone(String n) {
        return "Initialization done! " + n;
    }

    static String alertInitialized(String kind) {
        return "New " + kind + " detected, initialization completed.";
    }

    static String scalingUp(String x) {
        return "New revision detected! Scaling up " + x;
    }

    static String restarting(String x) {
        return "New revision detected! Restarting analysis for " + x;
    }

    static String waitingForApproval(String n, String hook) {
        return "Halt " + n + " advancement waiting for approval " + hook;
    }

    static String confirmRolloutPassed(String hook) {
        return "Confirm-rollout check " + hook + " passed";
    }

    static String canaryFailed(String n) {
        return "Canary failed! Scaling down " + n;
    }

    static String thresholdReached(String n, int failed) {
        return "Rolling back " + n + " failed checks threshold reached " + failed;
    }

    static String alertThresholdReached(int failed) {
        return "Failed checks threshold reached " + failed;
    }

    static String deadlineExceeded(String n, String error) {
        return "Rolling back " + n + " progress deadline exceeded " + error;
    }

    static String alertDeadlineExceeded(String error) {
        return "Progress deadline exceeded " + error;
    }

    static String manualWebhook(String n) {
        return "Rolling back " + n + " manual webhook invoked";
    }

    static String rollbackHookIdle(String hook) {
        return "Rollback hook " + hook + " not signaling a rollback";
    }

    static String rollbackHookPassed(String hook) {
        return "Rollback check " + hook + " passed";
    }

    static String advancePrimary(String n, int weight) {
        return "Advance " + n + " primary weight " + weight;
    }

    static String promotionCompleted(String x) {
        return "Promotion completed! Scaling down " + x;
    }

    static String promotionSkipped(String x) {
        return "Promotion completed! Canary analysis was skipped for " + x;
    }

    static String copying(String x, String primary, String namespace) {
        return "Copying " + x + " template spec to " + primary + "." + namespace;
    }

    static String startingAnalysis(String x) {
        return "Starting canary analysis for " + x;
    }

    static String preRolloutFailed(String n, String hook, String error) {
        return "Halt " + n + " advancement pre-rollout check " + hook + " failed " + error;
    }

    static String preRolloutPassed(String hook) {
        return "Pre-rollout check " + hook + " passed";
    }

    static String externalCheckFailed(String n, String hook, String error) {
        return "Halt " + n + " advancement external check " + hook + " failed " + error;
    }

    static String waitingTrafficIncrease(String n, String hook) {
        return "Halt " + n + " advancement waiting for traffic increase approval " + hook;
    }

    static String trafficIncreasePassed(String hook) {
        return "Confirm-traffic-increase check " + hook + " passed";
    }

    static String waitingPromotion(String n, String hook) {
        return "Halt " + n + " advancement waiting for promotion approval " + hook;
    }

    static String promotionPassed(String hook) {
        return "Confirm-promotion check " + hook + " passed";
    }

    static String advanceWeight(String n, int weight) {
        return "Advance " + n + " canary weight " + weight;
    }

    static String advanceIteration(String n, int iteration, int total) {
        return "Advance " + n + " canary iteration " + iteration + "/" + total;
    }

    static String promotionFailed(String x, String error) {
        return "Promotion of " + x + " failed, primary not ready: " + error;
    }

    static String alertPromotionFailed(String error) {
        return "Promotion failed, primary not ready: " + error;
    }

    // Sluice additions.

    static String keepingCanary(String n, String error) {
        return "Keeping all traffic on the canary of " + n + ": the primary is not ready (" + error
                + ") and the canary is the only ready backend";
    }

    static String alertKeepingCanary(String error) {
        return "Primary not ready, all traffic kept on the canary: " + error;
    }

    static String manualAbort(String n, String request) {
        return "Rolling back " + n + " manual abort requested (" + request + ")";
    }

    static String alertManualAbort(String request) {
        return "Rolling back manual abort requested (" + request + ")";
    }

    static String manualPromote(String n, String request) {
        return "Promoting " + n + " by manual request (" + request + "), remaining analysis skipped";
    }

    static String manualRetry(String n, String request) {
        return "Retrying the failed revision of " + n + " by manual request (" + request + ")";
    }

    static String paused(String n, String request) {
        return "Analysis of " + n + " paused by manual request (" + request + ")";
    }

    static String resumed(String n, String request) {
        return "Analysis of " + n + " resumed by manual request (" + request + ")";
    }

    static String requestIgnored(String request, String why) {
        return "Manual request " + request + " ignored: " + why;
    }
}
