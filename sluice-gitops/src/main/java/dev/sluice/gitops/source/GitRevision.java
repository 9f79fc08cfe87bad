package dev.sluice.gitops.source;

/**
 * Revision strings exactly as Flux writes them: the short reference name, {@code @}, then the
 * commit digest: {@code main@sha1:<40 hex>}, {@code feature/x@sha1:<hex>}, {@code v1.2.3@sha1:<hex>};
 * just {@code sha1:<hex>} when there is no branch or tag (a bare commit, or {@code ref.name}).
 */
public final class GitRevision {

    private GitRevision() {
    }

    /**
     * @param reference a full reference such as {@code refs/heads/main}, or "" for none
     * @param commit    40 hex digits
     */
    public static String of(String reference, String commit) {
        String digest = "sha1:" + commit;
        String[] parts = reference.split("/", 3);
        if (parts.length == 3 && (reference.startsWith("refs/heads/") || reference.startsWith("refs/tags/"))) {
            return parts[2] + "@" + digest;
        }
        return digest;
    }

    /**
     * The commit id of a revision in any of Flux's forms: {@code main@sha1:<hex>}, {@code sha1:<hex>},
     * or v1beta2's {@code main/<hex>}; "" when there is none.
     */
    public static String commitOf(String revision) {
        if (revision == null) {
            return "";
        }
        int at = revision.lastIndexOf("sha1:");
        if (at >= 0) {
            return revision.substring(at + 5);
        }
        int slash = revision.lastIndexOf('/');
        String tail = slash < 0 ? revision : revision.substring(slash + 1);
        return tail.matches("[0-9a-f]{40}") ? tail : "";
    }

    /** {@code main@sha1:696f056d}: the form {@code flux get} prints. */
    public static String shorten(String revision) {
        String commit = commitOf(revision);
        return commit.length() == 40 ? revision.substring(0, revision.length() - 32) : revision;
    }
}
