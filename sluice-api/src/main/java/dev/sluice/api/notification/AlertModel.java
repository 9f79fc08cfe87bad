package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.Values;
import dev.sluice.api.validation.schemas.NotificationSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Flux Alert: reads v1beta3 and v1beta2 (same spec). v1beta3 has no status, so converting drops
 * it; {@code summary} is kept (v1beta3 still reads it). Stateless and thread-safe.
 */
public final class AlertModel implements KindModel<Alert> {

    private static final KindSchema SCHEMA = NotificationSchemas.alert();
    private static final FieldPath SPEC = FieldPath.root().child("spec");

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> tree.remove("status"));
    }

    @Override
    public Parsed<Alert> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, AlertModel::rules);
        return new Parsed<>(new Alert(latest, Alert.Spec.from(latest.spec())), warnings);
    }

    private static List<Diagnostic> rules(KubeObject o) {
        JsonNode spec = o.spec();
        List<Diagnostic> out = new ArrayList<>(EventSources.check(spec.path("eventSources"), SPEC.child("eventSources")));
        for (String list : List.of("inclusionList", "exclusionList")) {
            JsonNode items = spec.path(list);
            for (int i = 0; i < items.size(); i++) {
                try {
                    Pattern.compile(items.get(i).asText());
                } catch (PatternSyntaxException e) {
                    out.add(Diagnostic.error(SPEC.child(list).index(i), Values.quote(items.get(i).asText())
                            + " is not a valid regular expression: " + e.getDescription()));
                }
            }
        }
        return out;
    }
}
