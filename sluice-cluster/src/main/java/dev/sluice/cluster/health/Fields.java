package dev.sluice.cluster.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import java.util.List;
import java.util.Optional;

/**
 * Reads status fields leniently, as kstatus does: a field of the wrong type counts as absent and
 * the default applies, so a malformed status never throws out of a health check.
 */
final class Fields {

    private Fields() {
    }

    static int integer(KubeObject o, String pointer, int fallback) {
        JsonNode n = o.at(pointer);
        return n.isIntegralNumber() && n.canConvertToInt() ? n.intValue() : fallback;
    }

    static boolean present(KubeObject o, String pointer) {
        return o.at(pointer).isIntegralNumber();
    }

    static String text(KubeObject o, String pointer, String fallback) {
        JsonNode n = o.at(pointer);
        return n.isTextual() ? n.textValue() : fallback;
    }

    static boolean bool(KubeObject o, String pointer, boolean fallback) {
        JsonNode n = o.at(pointer);
        return n.isBoolean() ? n.booleanValue() : fallback;
    }

    /** The conditions under {@code status.conditions}, in the order they are stored. */
    static List<Condition> conditions(KubeObject o) {
        return o.status().path("conditions").isArray() ? Conditions.of(o.status()) : List.of();
    }

    static Optional<Condition> condition(KubeObject o, String type) {
        return conditions(o).stream().filter(c -> c.type().equals(type)).findFirst();
    }

    static boolean hasTrue(KubeObject o, String type) {
        return conditions(o).stream().anyMatch(c -> c.type().equals(type) && c.isTrue());
    }
}
