package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;

import dev.sluice.api.GroupKind;
import dev.sluice.api.validation.Field;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/**
 * kustomize's own file format ({@code kustomize.config.k8s.io}): a kustomization.yaml
 * (Kustomization v1beta1) or a Component (v1alpha1). Not an API resource: no CRD, no
 * metadata.name needed. kustomize refuses unknown fields, so these schemas do too.
 */
public final class KustomizeFileSchemas {

    public static final String GROUP = "kustomize.config.k8s.io";

    static final Schema.Obj RES_ID = object(
            field("group", string()), field("version", string()), field("kind", string()),
            field("name", string()), field("namespace", string()));

    static final Schema.Obj SELECTOR = RES_ID
            .with(field("labelSelector", string()))
            .with(field("annotationSelector", string()));

    static final Schema.Obj FIELD_OPTIONS = object(
            field("delimiter", string()), field("index", integer()), field("encoding", string()), field("create", bool()));

    static final Schema.Obj PATCH = object(
            field("path", string()),
            field("patch", string()),
            field("target", SELECTOR),
            field("options", object(field("allowNameChange", bool()), field("allowKindChange", bool()))));

    static final Schema.Obj GENERATOR_OPTIONS = object(
            field("labels", stringMap()),
            field("annotations", stringMap()),
            field("disableNameSuffixHash", bool()),
            field("immutable", bool()));

    static final Schema.Obj GENERATOR = object(
            field("namespace", string()),
            field("name", string()),
            field("behavior", enumOf("", "create", "replace", "merge")),
            field("literals", stringList()),
            field("files", stringList()),
            field("envs", stringList()),
            field("env", string()),
            field("options", GENERATOR_OPTIONS));

    static final Schema.Obj IMAGE = object(
            field("name", string()), field("newName", string()), field("tagSuffix", string()),
            field("newTag", string()), field("digest", string()));

    static final Schema.Obj FIELD_SPEC = object(
            field("group", string()), field("version", string()), field("kind", string()),
            field("path", string()), field("create", bool()));

    static final Schema.Obj BODY = object(
            field("apiVersion", string()),
            field("kind", string()),
            field("metadata", object(field("name", string()), field("namespace", string()),
                    field("labels", stringMap()), field("annotations", stringMap()))),
            field("openapi", stringMap()),
            field("namePrefix", string()),
            field("nameSuffix", string()),
            field("namespace", string()),
            field("commonLabels", stringMap()).deprecated("use labels (kustomize edit fix turns it into labels with includeSelectors: true)"),
            field("labels", listOf(object(
                    field("pairs", stringMap()),
                    field("includeSelectors", bool()),
                    field("includeTemplates", bool()),
                    field("includeVolumeClaimTemplates", bool()),
                    field("fields", listOf(FIELD_SPEC))))),
            field("commonAnnotations", stringMap()),
            field("patchesStrategicMerge", stringList()).deprecated("use patches"),
            field("patchesJson6902", listOf(PATCH)).deprecated("use patches"),
            field("patches", listOf(PATCH)),
            field("images", listOf(IMAGE)),
            field("imageTags", listOf(IMAGE)).deprecated("use images"),
            field("replacements", listOf(object(
                    field("path", string()),
                    field("source", RES_ID.with(field("fieldPath", string())).with(field("options", FIELD_OPTIONS))),
                    field("sourceValue", string()),
                    field("targets", listOf(object(
                            field("select", SELECTOR),
                            field("reject", listOf(SELECTOR)),
                            field("fieldPaths", stringList()),
                            field("options", FIELD_OPTIONS))))))),
            field("replicas", listOf(object(field("name", string()), required("count", integer())))),
            field("vars", listOf(object(
                    required("name", string()),
                    required("objref", object(field("apiVersion", string()), field("group", string()),
                            field("version", string()), field("kind", string()), required("name", string()),
                            field("namespace", string()))),
                    field("fieldref", object(field("fieldPath", string())))))).deprecated("use replacements"),
            field("sortOptions", object(
                    field("order", enumOf("legacy", "fifo")),
                    field("legacySortOptions", object(required("orderFirst", stringList()), required("orderLast", stringList()))))),
            field("resources", stringList()),
            field("components", stringList()),
            field("crds", stringList()),
            field("bases", stringList()).deprecated("use resources"),
            field("configMapGenerator", listOf(GENERATOR)),
            field("secretGenerator", listOf(GENERATOR.with(field("type", string())))),
            field("helmGlobals", object(field("chartHome", string()), field("configHome", string()))),
            field("helmCharts", listOf(object(
                    field("name", string()), field("version", string()), field("repo", string()),
                    field("releaseName", string()), field("namespace", string()),
                    field("additionalValuesFiles", stringList()), field("valuesFile", string()),
                    field("valuesInline", anyObject()), field("valuesMerge", enumOf("override", "replace", "merge")),
                    field("includeCRDs", bool()), field("skipHooks", bool()), field("apiVersions", stringList()),
                    field("kubeVersion", string()), field("nameTemplate", string()), field("skipTests", bool()),
                    field("debug", bool()), field("devel", bool())))),
            field("helmChartInflationGenerator", listOf(anyObject())).deprecated("use helmCharts"),
            field("generatorOptions", GENERATOR_OPTIONS),
            field("configurations", stringList()),
            field("generators", stringList()),
            field("transformers", stringList()),
            field("validators", stringList()),
            field("buildMetadata", listOf(enumOf("originAnnotations", "transformerAnnotations", "managedByLabel"))));

    private KustomizeFileSchemas() {
    }

    public static KindSchema kustomization() {
        return new KindSchema(GroupKind.of(GROUP, "Kustomization"),
                new KindSchema.Names("kustomizations", "kustomization", List.of(), List.of()), false, false,
                List.of(new VersionSchema("v1beta1", closed(BODY), null, List.of())));
    }

    public static KindSchema component() {
        return new KindSchema(GroupKind.of(GROUP, "Component"),
                new KindSchema.Names("components", "component", List.of(), List.of()), false, false,
                List.of(new VersionSchema("v1alpha1", closed(BODY), null, List.of())));
    }

    /** kustomize decodes with unknown fields disallowed, at every level. */
    static Schema.Obj closed(Schema.Obj o) {
        List<Field> fields = o.fields().stream().map(f -> f.withSchema(close(f.schema()))).toList();
        return new Schema.Obj(fields, Schema.Unknown.REJECT, o.oneOf(), o.atMostOne());
    }

    private static Schema close(Schema s) {
        return switch (s) {
            case Schema.Obj o -> closed(o);
            case Schema.ListOf l -> new Schema.ListOf(close(l.items()), l.minItems(), l.maxItems());
            case Schema.MapOf m -> new Schema.MapOf(close(m.values()));
            default -> s;
        };
    }
}
