package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A patch target (kustomize Selector): group, version, kind exactly; name and namespace as
 * anchored regular expressions matched against the original or the current id; label and
 * annotation selectors.
 */
record PatchTarget(
        String group, String version, String kind, Pattern name, Pattern namespace,
        Predicate<Map<String, String>> labels, Predicate<Map<String, String>> annotations) {

    static PatchTarget parse(JsonNode t, String where) {
        return new PatchTarget(
                Json.text(t, "group"), Json.text(t, "version"), Json.text(t, "kind"),
                regex(Json.text(t, "name"), where), regex(Json.text(t, "namespace"), where),
                t.hasNonNull("labelSelector") ? LabelSelector.parse(Json.text(t, "labelSelector"), where) : null,
                t.hasNonNull("annotationSelector") ? LabelSelector.parse(Json.text(t, "annotationSelector"), where) : null);
    }

    private static Pattern regex(String s, String where) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile("^(?:" + s + ")$");
        } catch (PatternSyntaxException e) {
            throw new KustomizeException("invalid regular expression '" + s + "' in patch target (" + where + ")");
        }
    }

    boolean matches(Resource r) {
        ResId cur = r.id();
        ResId org = r.orgId();
        if (!group.isEmpty() && !group.equals(cur.group())) {
            return false;
        }
        if (!version.isEmpty() && !version.equals(cur.version())) {
            return false;
        }
        if (!kind.isEmpty() && !kind.equals(cur.kind())) {
            return false;
        }
        if (name != null && !name.matcher(org.name()).matches() && !name.matcher(cur.name()).matches()) {
            return false;
        }
        if (namespace != null
                && !namespace.matcher(org.effectiveNamespace()).matches()
                && !namespace.matcher(cur.effectiveNamespace()).matches()) {
            return false;
        }
        if (labels != null && !labels.test(map(r, "labels"))) {
            return false;
        }
        return annotations == null || annotations.test(map(r, "annotations"));
    }

    private static Map<String, String> map(Resource r, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        r.obj.path("metadata").path(field).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
