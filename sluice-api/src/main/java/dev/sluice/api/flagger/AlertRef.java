package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Set;

/**
 * One alert of {@code spec.analysis.alerts}: messages of at least {@link #severity} go to the
 * AlertProvider named by {@link #providerRef}.
 */
public record AlertRef(String name, AlertSeverity severity, CrossNamespaceRef providerRef) {

    static AlertRef read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, Set.of("name", "severity", "providerRef"));
        String name = f.requiredString(node, at, "name");
        String s = f.string(node, at, "severity", "");
        AlertSeverity severity = AlertSeverity.fromWire(s).orElseGet(() -> {
            f.error(at.child("severity"), "'" + s + "' is not a severity; expected info, warn or error");
            return AlertSeverity.INFO;
        });
        JsonNode ref = f.object(node, at, "providerRef");
        if (ref.isMissingNode()) {
            f.error(at.child("providerRef"), "required: the AlertProvider that sends this alert");
        }
        return new AlertRef(name, severity, CrossNamespaceRef.read(ref, at.child("providerRef"), f));
    }
}
