package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The typed model of {@code flagger.app/v1beta1} MetricTemplate. Stateless and thread-safe. */
public final class MetricTemplateKindModel implements KindModel<MetricTemplate> {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.FLAGGER, "MetricTemplate");
    /** Types whose provider has no default endpoint, so {@code address} is required. */
    private static final Set<String> NEED_ADDRESS = Set.of("prometheus", "graphite", "influxdb", "dynatrace", "splunk");
    private static final Set<String> FUNCTIONS = Set.of("name", "namespace", "target", "service", "ingress", "route",
            "interval", "variables");
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL);

    @Override
    public GroupKind groupKind() {
        return KIND;
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return FlaggerKinds.requireV1beta1(object, KIND);
    }

    @Override
    public Parsed<MetricTemplate> parse(KubeObject latest) {
        Fields f = new Fields();
        FieldPath at = FieldPath.root().child("spec");
        JsonNode spec = latest.spec();
        f.known(spec, at, Set.of("provider", "query"));
        JsonNode provider = f.object(spec, at, "provider");
        FieldPath p = at.child("provider");
        f.known(provider, p, Set.of("type", "address", "headers", "secretRef", "region", "insecureSkipVerify"));
        String type = f.string(provider, p, "type", "prometheus");
        if (!MetricTemplate.PROVIDER_TYPES.contains(type)) {
            f.warn(p.child("type"), "'" + type + "' is not a known provider; expected one of "
                    + String.join(", ", MetricTemplate.PROVIDER_TYPES) + "; Flagger uses prometheus");
            type = "prometheus";
        }
        String address = f.string(provider, p, "address", "");
        if (address.isEmpty() && NEED_ADDRESS.contains(type)) {
            f.error(p.child("address"), "required by the " + type + " provider: the URL of its API");
        } else if (!address.isEmpty()) {
            checkUrl(address, p.child("address"), f);
        }
        JsonNode secret = f.object(provider, p, "secretRef");
        Optional<String> secretRef = secret.isMissingNode() ? Optional.empty()
                : Optional.of(f.requiredString(secret, p.child("secretRef"), "name"));
        String query = f.requiredString(spec, at, "query");
        checkTemplate(query, at.child("query"), f);
        if (f.hasErrors()) {
            throw new InvalidInputException(f.diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        return new Parsed<>(new MetricTemplate(latest.name(), latest.namespace(), type, address,
                headers(provider, p, f), secretRef, f.string(provider, p, "region", ""),
                f.bool(provider, p, "insecureSkipVerify"), query), f.diagnostics());
    }

    private static Map<String, List<String>> headers(JsonNode provider, FieldPath p, Fields f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        f.object(provider, p, "headers").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else if (e.getValue().isValueNode()) {
                values.add(e.getValue().asText());
            } else {
                f.error(p.child("headers").child(e.getKey()), "must be a list of strings, got "
                        + Fields.show(e.getValue()));
            }
            out.put(e.getKey(), List.copyOf(values));
        });
        return out;
    }

    static void checkUrl(String url, FieldPath at, Fields f) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                f.error(at, "'" + url + "' must be an absolute URL such as http://prometheus:9090");
            }
        } catch (java.net.URISyntaxException e) {
            f.error(at, "'" + url + "' is not a valid URL: " + e.getReason());
        }
    }

    /** Balanced actions and known functions; Go's missingkey=error would fail on unknown ones at run time. */
    static void checkTemplate(String query, FieldPath at, Fields f) {
        int open = count(query, "{{");
        int close = count(query, "}}");
        if (open != close) {
            f.error(at, "unbalanced template actions: " + open + " '{{' and " + close + " '}}'");
            return;
        }
        Matcher m = ACTION.matcher(query);
        while (m.find()) {
            String action = m.group(1);
            String first = action.split("[\\s.|(]", 2)[0];
            if (!first.isEmpty() && !FUNCTIONS.contains(first) && Character.isLetter(first.charAt(0))
                    && !Set.of("if", "else", "end", "range", "with", "printf", "len", "index").contains(first)) {
                f.warn(at, "unknown template function '" + first + "' in '{{ " + action + " }}'; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(FUNCTIONS)));
            }
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
