package dev.sluice.api.crd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.validation.Field;
import dev.sluice.api.validation.Schema;
import java.util.List;

/**
 * Turns a {@link Schema} into a structural OpenAPI v3 schema as CustomResourceDefinitions need it:
 * every node typed (or marked {@code x-kubernetes-preserve-unknown-fields} / int-or-string),
 * defaults, patterns, bounds, and the exclusive-field rules as {@code oneOf} or CEL.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {
    }

    static ObjectNode of(Schema schema) {
        ObjectNode n = Json.object();
        switch (schema) {
            case Schema.Str s -> {
                n.put("type", "string");
                if (s.format() != null) {
                    n.put("format", s.format());
                }
                if (s.minLength() > 0) {
                    n.put("minLength", s.minLength());
                }
                if (s.maxLength() > 0) {
                    n.put("maxLength", s.maxLength());
                }
                if (s.pattern() != null) {
                    n.put("pattern", s.pattern());
                }
            }
            case Schema.Int i -> {
                n.put("type", "integer");
                if (i.format() != null) {
                    n.put("format", i.format());
                }
                if (i.min() != null) {
                    n.put("minimum", i.min());
                }
                if (i.max() != null) {
                    n.put("maximum", i.max());
                }
            }
            case Schema.Num num -> {
                n.put("type", "number");
                if (num.min() != null) {
                    n.put("minimum", num.min());
                }
                if (num.max() != null) {
                    n.put("maximum", num.max());
                }
            }
            case Schema.Bool b -> n.put("type", "boolean");
            case Schema.Duration d -> {
                n.put("type", "string");
                if (d.pattern() != null) {
                    n.put("pattern", d.pattern());
                }
            }
            case Schema.Quantity q -> {
                intOrString(n);
                n.put("pattern", "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$");
            }
            case Schema.IntOrString ios -> intOrString(n);
            case Schema.Enum e -> {
                n.put("type", "string");
                ArrayNode values = n.putArray("enum");
                e.values().forEach(values::add);
            }
            case Schema.MapOf m -> {
                n.put("type", "object");
                n.set("additionalProperties", of(m.values()));
            }
            case Schema.ListOf l -> {
                n.put("type", "array");
                n.set("items", of(l.items()));
                if (l.minItems() > 0) {
                    n.put("minItems", l.minItems());
                }
                if (l.maxItems() > 0) {
                    n.put("maxItems", l.maxItems());
                }
            }
            case Schema.Obj o -> object(o, n, List.of());
            case Schema.Any a -> {
                if (a.objectOnly()) {
                    n.put("type", "object");
                }
                n.put("x-kubernetes-preserve-unknown-fields", true);
            }
        }
        return n;
    }

    /**
     * An object schema; fields named in {@code skipRequired} are not listed as required (the
     * root's apiVersion, kind and metadata, which the API server fills in itself).
     */
    static void object(Schema.Obj o, ObjectNode n, List<String> skipRequired) {
        n.put("type", "object");
        if (!o.fields().isEmpty()) {
            ObjectNode props = n.putObject("properties");
            for (Field f : o.fields()) {
                props.set(f.name(), field(f));
            }
        }
        List<String> required = o.fields().stream().filter(Field::required).map(Field::name)
                .filter(name -> !skipRequired.contains(name)).toList();
        if (!required.isEmpty()) {
            ArrayNode r = n.putArray("required");
            required.forEach(r::add);
        }
        if (o.unknown() == Schema.Unknown.PRESERVE) {
            n.put("x-kubernetes-preserve-unknown-fields", true);
        }
        if (o.oneOf().size() == 1) {
            oneOf(n, o.oneOf().get(0));
        } else if (o.oneOf().size() > 1) {
            // An OpenAPI schema holds one oneOf; several groups go under allOf.
            ArrayNode all = n.putArray("allOf");
            o.oneOf().forEach(group -> oneOf(all.addObject(), group));
        }
        ArrayNode rules = o.atMostOne().isEmpty() ? null : n.putArray("x-kubernetes-validations");
        for (List<String> group : o.atMostOne()) {
            ObjectNode rule = rules.addObject();
            rule.put("rule", String.join(" + ", group.stream().map(g -> "(has(self." + g + ") ? 1 : 0)").toList()) + " <= 1");
            rule.put("message", "at most one of " + String.join(", ", group) + " may be set");
        }
    }

    private static void oneOf(ObjectNode n, List<String> group) {
        ArrayNode oneOf = n.putArray("oneOf");
        group.forEach(name -> oneOf.addObject().putArray("required").add(name));
    }

    private static ObjectNode field(Field f) {
        ObjectNode n = of(f.schema());
        if (f.description() != null || f.deprecation() != null) {
            String text = f.description() == null ? "" : f.description();
            if (f.deprecation() != null) {
                text = (text.isEmpty() ? "" : text + " ") + "Deprecated: " + f.deprecation() + ".";
            }
            // description goes first, as controller-gen writes it
            ObjectNode ordered = Json.object().put("description", text);
            ordered.setAll(n);
            n = ordered;
        }
        if (f.defaultValue() != null) {
            n.set("default", f.defaultValue().deepCopy());
        }
        return n;
    }

    private static void intOrString(ObjectNode n) {
        ArrayNode anyOf = n.putArray("anyOf");
        anyOf.addObject().put("type", "integer");
        anyOf.addObject().put("type", "string");
        n.put("x-kubernetes-int-or-string", true);
    }
}
