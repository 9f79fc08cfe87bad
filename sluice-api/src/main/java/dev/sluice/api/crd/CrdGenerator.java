package dev.sluice.api.crd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.validation.Field;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.KindSchemas;
import dev.sluice.api.validation.PrinterColumn;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/**
 * Generates {@code apiextensions.k8s.io/v1} CustomResourceDefinitions for the contract's kinds from
 * their schemas: every version served, the newest stored, the status subresource, the printer
 * columns, short names and categories Flux and Flagger show. Pure and thread-safe.
 *
 * <p>Versions use the API server's default ({@code None}) conversion, as Flux and Flagger do; Sluice
 * itself converts older versions with the kinds' models.
 */
public final class CrdGenerator {

    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

    private final KindSchemas schemas;

    public CrdGenerator(KindSchemas schemas) {
        this.schemas = schemas;
    }

    /** One CRD per API kind (kustomize's file kinds have none), in the registry's order. */
    public List<KubeObject> generateAll() {
        return schemas.all().stream().filter(KindSchema::crd).map(CrdGenerator::generate).toList();
    }

    public static KubeObject generate(KindSchema kind) {
        ObjectNode crd = Json.object();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        ObjectNode meta = crd.putObject("metadata");
        meta.put("name", kind.names().plural() + "." + kind.groupKind().group());
        meta.putObject("labels").put(PART_OF_LABEL, "sluice");
        ObjectNode spec = crd.putObject("spec");
        spec.put("group", kind.groupKind().group());
        spec.set("names", names(kind));
        spec.put("scope", kind.namespaced() ? "Namespaced" : "Cluster");
        ArrayNode versions = spec.putArray("versions");
        for (VersionSchema v : kind.versions()) {
            versions.add(version(kind, v));
        }
        return KubeObject.of(crd);
    }

    private static ObjectNode names(KindSchema kind) {
        ObjectNode n = Json.object();
        if (!kind.names().categories().isEmpty()) {
            kind.names().categories().forEach(n.putArray("categories")::add);
        }
        n.put("kind", kind.kind());
        n.put("listKind", kind.kind() + "List");
        n.put("plural", kind.names().plural());
        if (!kind.names().shortNames().isEmpty()) {
            kind.names().shortNames().forEach(n.putArray("shortNames")::add);
        }
        n.put("singular", kind.names().singular());
        return n;
    }

    private static ObjectNode version(KindSchema kind, VersionSchema v) {
        ObjectNode n = Json.object();
        if (!v.columns().isEmpty()) {
            ArrayNode columns = n.putArray("additionalPrinterColumns");
            for (PrinterColumn c : v.columns()) {
                ObjectNode col = columns.addObject().put("jsonPath", c.jsonPath()).put("name", c.name());
                if (c.priority() > 0) {
                    col.put("priority", c.priority());
                }
                col.put("type", c.type());
            }
        }
        if (v.deprecated()) {
            n.put("deprecated", true);
            n.put("deprecationWarning", v.deprecationWarning());
        }
        n.put("name", v.name());
        n.putObject("schema").set("openAPIV3Schema", root(kind, v));
        n.put("served", true);
        n.put("storage", v == kind.latest());
        if (v.hasStatus()) {
            n.putObject("subresources").putObject("status");
        }
        return n;
    }

    /** The root schema: metadata stays a bare object, as the API server owns its schema. */
    private static ObjectNode root(KindSchema kind, VersionSchema v) {
        ObjectNode n = Json.object();
        n.put("description", kind.kind() + " is the Schema for the " + kind.names().plural() + " API.");
        Schema.Obj root = v.root().with(new Field("metadata", new Schema.Obj(List.of(), Schema.Unknown.WARN, List.of(),
                List.of()), false, null, null, null));
        OpenApiSchemas.object(root, n, List.of("apiVersion", "kind", "metadata"));
        ObjectNode props = (ObjectNode) n.get("properties");
        ((ObjectNode) props.get("apiVersion"))
                .put("description", "APIVersion defines the versioned schema of this representation of an object.");
        ((ObjectNode) props.get("kind"))
                .put("description", "Kind is a string value representing the REST resource this object represents.");
        return n;
    }
}
