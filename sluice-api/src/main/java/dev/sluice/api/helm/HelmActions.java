package dev.sluice.api.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.meta.Nodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a HelmRelease runs each Helm action. Absent fields read as Go's zero values; the helper
 * methods apply helm-controller's defaults.
 */
public final class HelmActions {

    private HelmActions() {
    }

    /**
     * What to do after a failed install or upgrade.
     *
     * @param retries  how often to retry; a negative number retries forever
     * @param strategy for upgrades: {@code rollback} (default) or {@code uninstall}; "" otherwise
     */
    public record Remediation(int retries, Optional<Boolean> ignoreTestFailures, Optional<Boolean> remediateLastFailure,
                              String strategy) {

        public static final Remediation NONE = new Remediation(0, Optional.empty(), Optional.empty(), "");

        static Remediation from(JsonNode n) {
            return new Remediation(n.path("retries").asInt(0), Nodes.optBool(n, "ignoreTestFailures"),
                    Nodes.optBool(n, "remediateLastFailure"), Nodes.text(n, "strategy"));
        }

        /** Whether retries remain after {@code failures} failed attempts (negative retries: always). */
        public boolean retriesLeft(long failures) {
            return retries < 0 || failures <= retries;
        }

        /** For upgrades: {@code rollback} unless set. */
        public String upgradeStrategy() {
            return strategy.isEmpty() ? "rollback" : strategy;
        }

        /** After an install's last retry fails: remediate only when asked to. */
        public boolean installRemediatesLastFailure() {
            return remediateLastFailure.orElse(false);
        }

        /** After an upgrade's last retry fails: remediate when retries are set, unless told otherwise. */
        public boolean upgradeRemediatesLastFailure() {
            return remediateLastFailure.orElse(retries > 0);
        }
    }

    /** {@code RemediateOnFailure} or {@code RetryOnFailure} (with a retry interval, default 5m). */
    public record Strategy(String name, Optional<Duration> retryInterval) {

        static Strategy from(JsonNode n) {
            return new Strategy(Nodes.text(n, "name"), Nodes.duration(n, "retryInterval"));
        }
    }

    /**
     * @param crds {@code Skip}, {@code Create} (the default for install) or {@code CreateReplace}
     */
    public record Install(Optional<Duration> timeout, Remediation remediation, Optional<Strategy> strategy,
                          boolean disableWait, boolean disableWaitForJobs, boolean disableHooks,
                          boolean disableOpenAPIValidation, boolean disableSchemaValidation, boolean disableTakeOwnership,
                          Optional<Boolean> serverSideApply, boolean replace, boolean skipCRDs, String crds,
                          boolean createNamespace) {

        static Install from(JsonNode n) {
            return new Install(Nodes.duration(n, "timeout"),
                    Nodes.object(n, "remediation", Remediation::from).orElse(Remediation.NONE),
                    Nodes.object(n, "strategy", Strategy::from), Nodes.bool(n, "disableWait"),
                    Nodes.bool(n, "disableWaitForJobs"), Nodes.bool(n, "disableHooks"),
                    Nodes.bool(n, "disableOpenAPIValidation"), Nodes.bool(n, "disableSchemaValidation"),
                    Nodes.bool(n, "disableTakeOwnership"), Nodes.optBool(n, "serverSideApply"), Nodes.bool(n, "replace"),
                    Nodes.bool(n, "skipCRDs"), Nodes.text(n, "crds"), Nodes.bool(n, "createNamespace"));
        }

        /** CRD policy: {@code Skip} when skipCRDs is set, else crds, else {@code Create}. */
        public String effectiveCrds() {
            return skipCRDs && crds.isEmpty() ? "Skip" : crds.isEmpty() ? "Create" : crds;
        }
    }

    /**
     * @param crds {@code Skip} (the default for upgrade), {@code Create} or {@code CreateReplace}
     * @param serverSideApply {@code enabled}, {@code disabled}, {@code auto} or ""
     */
    public record Upgrade(Optional<Duration> timeout, Remediation remediation, Optional<Strategy> strategy,
                          boolean disableWait, boolean disableWaitForJobs, boolean disableHooks,
                          boolean disableOpenAPIValidation, boolean disableSchemaValidation, boolean disableTakeOwnership,
                          String serverSideApply, boolean force, boolean preserveValues, boolean cleanupOnFail,
                          String crds, String chartNameChangeStrategy) {

        static Upgrade from(JsonNode n) {
            return new Upgrade(Nodes.duration(n, "timeout"),
                    Nodes.object(n, "remediation", Remediation::from).orElse(Remediation.NONE),
                    Nodes.object(n, "strategy", Strategy::from), Nodes.bool(n, "disableWait"),
                    Nodes.bool(n, "disableWaitForJobs"), Nodes.bool(n, "disableHooks"),
                    Nodes.bool(n, "disableOpenAPIValidation"), Nodes.bool(n, "disableSchemaValidation"),
                    Nodes.bool(n, "disableTakeOwnership"), Nodes.text(n, "serverSideApply"), Nodes.bool(n, "force"),
                    Nodes.bool(n, "preserveValues"), Nodes.bool(n, "cleanupOnFail"), Nodes.text(n, "crds"),
                    Nodes.text(n, "chartNameChangeStrategy"));
        }

        public String effectiveCrds() {
            return crds.isEmpty() ? "Skip" : crds;
        }

        /** {@code Reinstall} unless set. */
        public String effectiveChartNameChangeStrategy() {
            return chartNameChangeStrategy.isEmpty() ? "Reinstall" : chartNameChangeStrategy;
        }
    }

    /** Helm tests after install and upgrade; a failure triggers remediation unless ignored. */
    public record Test(boolean enable, Optional<Duration> timeout, boolean ignoreFailures, List<TestFilter> filters) {

        static Test from(JsonNode n) {
            return new Test(Nodes.bool(n, "enable"), Nodes.duration(n, "timeout"), Nodes.bool(n, "ignoreFailures"),
                    Nodes.list(n, "filters", f -> new TestFilter(Nodes.text(f, "name"), Nodes.bool(f, "exclude"))));
        }
    }

    public record TestFilter(String name, boolean exclude) {
    }

    public record Rollback(Optional<Duration> timeout, boolean disableWait, boolean disableWaitForJobs, boolean disableHooks,
                           boolean recreate, boolean force, boolean cleanupOnFail, String serverSideApply) {

        static Rollback from(JsonNode n) {
            return new Rollback(Nodes.duration(n, "timeout"), Nodes.bool(n, "disableWait"),
                    Nodes.bool(n, "disableWaitForJobs"), Nodes.bool(n, "disableHooks"), Nodes.bool(n, "recreate"),
                    Nodes.bool(n, "force"), Nodes.bool(n, "cleanupOnFail"), Nodes.text(n, "serverSideApply"));
        }
    }

    /** @param deletionPropagation {@code background} (default), {@code foreground} or {@code orphan} */
    public record Uninstall(Optional<Duration> timeout, boolean disableHooks, boolean keepHistory, boolean disableWait,
                            String deletionPropagation) {

        static Uninstall from(JsonNode n) {
            return new Uninstall(Nodes.duration(n, "timeout"), Nodes.bool(n, "disableHooks"), Nodes.bool(n, "keepHistory"),
                    Nodes.bool(n, "disableWait"), Nodes.text(n, "deletionPropagation", "background"));
        }
    }
}
