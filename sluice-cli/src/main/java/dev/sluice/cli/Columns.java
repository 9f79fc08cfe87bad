package dev.sluice.cli;

import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import java.util.Optional;

/** Column values shared by the tables: readiness, messages, revisions, as flux prints them. */
final class Columns {

    private Columns() {
    }

    static String ready(KubeObject o) {
        return readyCondition(o).map(Condition::status).orElse("Unknown");
    }

    static String message(KubeObject o) {
        return readyCondition(o).map(Condition::message).orElse("").replace('\n', ' ');
    }

    static Optional<Condition> readyCondition(KubeObject o) {
        return Conditions.find(o.status(), "Ready");
    }

    static String suspended(KubeObject o) {
        return o.spec().path("suspend").asBoolean(false) ? "True" : "False";
    }

    /** {@code main@sha1:696f056df8b5...} → {@code main@sha1:696f056d}, as flux shortens revisions. */
    static String shortRevision(String revision) {
        int at = revision.indexOf("sha1:");
        if (at >= 0 && revision.length() > at + 5 + 8) {
            return revision.substring(0, at + 5 + 8);
        }
        int slash = revision.lastIndexOf('/');
        if (slash >= 0 && revision.length() - slash - 1 == 40) {
            return revision.substring(0, slash + 1 + 8);
        }
        return revision;
    }

    /** {@code [#####.....]} for a weight in percent. */
    static String bar(int percent, int width) {
        int filled = Math.max(0, Math.min(width, Math.round(percent * width / 100f)));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
