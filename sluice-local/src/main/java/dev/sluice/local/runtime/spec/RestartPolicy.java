package dev.sluice.local.runtime.spec;

/** A pod's {@code spec.restartPolicy}: which container exits the kubelet answers with a restart. */
public enum RestartPolicy {
    /** Every exit restarts (Deployments, DaemonSets, and a bare Pod's default). */
    ALWAYS("Always"),
    /** Only a non-zero exit restarts; a zero exit completes the container. */
    ON_FAILURE("OnFailure"),
    /** No exit restarts. */
    NEVER("Never");

    private final String text;

    RestartPolicy(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Whether a container that exited with {@code exitCode} is started again. */
    public boolean restarts(int exitCode) {
        return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
    }

    static RestartPolicy parse(String s) {
        for (RestartPolicy p : values()) {
            if (p.text.equals(s)) {
                return p;
            }
        }
        return null;
    }
}
