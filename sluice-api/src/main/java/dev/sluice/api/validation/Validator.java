package dev.sluice.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.validation.schemas.Common;
import dev.sluice.api.validation.schemas.KustomizeFileSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Validates YAML files and directory trees the way {@code sluice validate} reports them: syntax
 * errors, structural errors and warnings from the kinds' schemas, semantic errors from the kinds'
 * models. Kinds outside the contract are checked for apiVersion, kind and metadata.name only;
 * kinds nobody knows are a warning. Custom kinds whose CustomResourceDefinition is among the files
 * count as known. Stateless and thread-safe; reads files, never writes.
 */
public final class Validator {

    private static final String CRD_GROUP = "apiextensions.k8s.io";
    /**
     * What every kind's metadata must satisfy: labels, annotations and namespace as the API server
     * checks them. Names are left out (RBAC names may hold ':'), other fields are kept silently.
     */
    private static final Schema.Obj OTHER_METADATA = Common.OBJECT_META.without("name")
            .unknownFields(Schema.Unknown.PRESERVE);

    private final KindSchemas schemas;
    private final KindModels models;
    private final ResourceTypes types;

    public Validator(KindSchemas schemas, KindModels models, ResourceTypes types) {
        this.schemas = schemas;
        this.models = models;
        this.types = types;
    }

    /** A validator with every built-in schema, model and kind. */
    public static Validator builtIn() {
        return new Validator(KindSchemas.builtIn(), KindModels.builtIn(), ResourceTypes.builtIn());
    }

    /**
     * Validates files and directories (recursively: every {@code *.yaml} and {@code *.yml}, skipping
     * hidden files and directories). A path that does not exist is an error.
     */
    public ValidationReport validate(List<Path> paths) {
        List<Diagnostic> out = new ArrayList<>();
        List<YamlDocument> docs = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                out.add(Diagnostic.error(FieldPath.root(), "no such file or directory").at(p.toString(), -1, 0));
            } else if (Files.isDirectory(p)) {
                files.addAll(yamlFilesUnder(p));
            } else {
                files.add(p);
            }
        }
        for (Path f : files) {
            try {
                docs.addAll(Yaml.readAll(f));
            } catch (InvalidInputException e) {
                out.addAll(e.diagnostics());
            }
        }
        Set<GroupKind> defined = definedKinds(docs);
        for (YamlDocument d : docs) {
            out.addAll(validate(d, defined));
        }
        return new ValidationReport(out, files.size(), docs.size());
    }

    /** Validates the documents of one YAML text; {@code source} names it in diagnostics. */
    public ValidationReport validateText(String text, String source) {
        List<YamlDocument> docs;
        try {
            docs = Yaml.readAll(text, source);
        } catch (InvalidInputException e) {
            return new ValidationReport(e.diagnostics(), 1, 0);
        }
        Set<GroupKind> defined = definedKinds(docs);
        List<Diagnostic> out = new ArrayList<>();
        docs.forEach(d -> out.addAll(validate(d, defined)));
        return new ValidationReport(out, 1, docs.size());
    }

    /**
     * The errors the kind's schema finds in the spec and metadata of one stored object: what an API
     * server's CRD validation refuses before a controller ever sees it. Controllers in embedded mode,
     * whose store does not validate, use it to behave as on a cluster. Empty for kinds without a
     * schema or versions it does not know.
     */
    public List<Diagnostic> schemaErrors(KubeObject object) {
        KindSchema schema = schemas.find(object.groupKind()).orElse(null);
        VersionSchema version = schema == null ? null : schema.version(object.version()).orElse(null);
        if (version == null) {
            return List.of();
        }
        com.fasterxml.jackson.databind.node.ObjectNode n = object.toNode().deepCopy();
        n.remove("status"); // written by the controller itself, not input
        return SchemaValidator.validate(n, version.root(), FieldPath.root()).stream().filter(Diagnostic::isError).toList();
    }

    private static List<Path> yamlFilesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(dir.relativize(p)))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Kinds defined by CustomResourceDefinitions among the documents. */
    private static Set<GroupKind> definedKinds(List<YamlDocument> docs) {
        Set<GroupKind> out = new HashSet<>();
        for (YamlDocument d : docs) {
            JsonNode c = d.content();
            if ("CustomResourceDefinition".equals(c.path("kind").asText())
                    && GroupKind.groupOf(c.path("apiVersion").asText()).equals(CRD_GROUP)) {
                out.add(GroupKind.of(c.path("spec").path("group").asText(), c.path("spec").path("names").path("kind").asText()));
            }
        }
        return out;
    }

    private List<Diagnostic> validate(YamlDocument doc, Set<GroupKind> defined) {
        JsonNode c = doc.content();
        Set<Diagnostic> out = new LinkedHashSet<>();
        if (isKustomizeFile(doc)) {
            kustomizeFile(c, out);
        } else {
            object(c, defined, out);
        }
        return out.stream().map(doc::locate).toList();
    }

    private boolean isKustomizeFile(YamlDocument doc) {
        JsonNode c = doc.content();
        if (!c.isObject()) {
            return false;
        }
        if (GroupKind.groupOf(c.path("apiVersion").asText()).equals(KustomizeFileSchemas.GROUP)) {
            return true;
        }
        // kustomize lets a kustomization.yaml leave out apiVersion (and kind)
        Path name = Path.of(doc.source()).getFileName();
        String file = name == null ? "" : name.toString();
        boolean untyped = !c.has("apiVersion") && (!c.has("kind") || "Kustomization".equals(c.path("kind").asText()));
        return untyped && (file.equals("kustomization.yaml") || file.equals("kustomization.yml") || file.equals("Kustomization"));
    }

    /** kustomize's file: apiVersion and kind may be left out, and unknown fields are errors. */
    private void kustomizeFile(JsonNode c, Set<Diagnostic> out) {
        String kind = c.path("kind").asText("Kustomization");
        KindSchema schema = schemas.find(GroupKind.of(KustomizeFileSchemas.GROUP, kind)).orElse(null);
        if (schema == null) {
            out.add(Diagnostic.error(FieldPath.of("kind"), Values.quote(kind) + " is not a kustomize file kind; expected Kustomization or Component"));
            return;
        }
        String apiVersion = c.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && schema.version(GroupKind.versionOf(apiVersion)).isEmpty()) {
            out.add(Conversions.unsupported(apiVersion, schema));
            return;
        }
        out.addAll(SchemaValidator.validate(c, schema.latest().root(), FieldPath.root()));
    }

    private void object(JsonNode c, Set<GroupKind> defined, Set<Diagnostic> out) {
        KubeObject object;
        try {
            object = KubeObject.of(c);
        } catch (InvalidInputException e) {
            out.addAll(e.diagnostics());
            return;
        }
        GroupKind gk = object.groupKind();
        KindSchema schema = schemas.find(gk).orElse(null);
        if (schema == null) {
            out.addAll(SchemaValidator.validate(c.path("metadata"), OTHER_METADATA, FieldPath.of("metadata")));
            otherKind(object, defined, out);
            return;
        }
        VersionSchema version = schema.version(object.version()).orElse(null);
        if (version == null) {
            out.add(Conversions.unsupported(object.apiVersion(), schema));
            return;
        }
        if (version.deprecated()) {
            out.add(Diagnostic.warning(FieldPath.of("apiVersion"), version.deprecationWarning()
                    + " (Sluice converts it to " + schema.latestApiVersion() + ")"));
        }
        List<Diagnostic> structural = SchemaValidator.validate(c, version.root(), FieldPath.root());
        out.addAll(structural);
        if (structural.stream().anyMatch(Diagnostic::isError)) {
            return;
        }
        KindModel<?> model = models.find(gk).orElse(null);
        if (model != null) {
            try {
                // The schema already warned about fields it does not know; a model may say so too.
                java.util.Set<FieldPath> warned = new java.util.HashSet<>();
                structural.stream().filter(d -> !d.isError()).forEach(d -> warned.add(d.path()));
                model.parse(model.toLatest(object)).warnings().stream()
                        .filter(w -> !warned.contains(w.path())).forEach(out::add);
            } catch (InvalidInputException e) {
                out.addAll(e.diagnostics());
            }
        }
    }

    /** A kind outside the contract: fine when Kubernetes or a CRD in the files defines it, else a warning. */
    private void otherKind(KubeObject object, Set<GroupKind> defined, Set<Diagnostic> out) {
        GroupKind gk = object.groupKind();
        var known = types.get(gk);
        if (known.isPresent()) {
            if (!known.get().versions().contains(object.version())) {
                out.add(Diagnostic.warning(FieldPath.of("apiVersion"), Values.quote(object.apiVersion())
                        + " is not a version of " + gk + " Sluice knows; expected "
                        + Suggestions.joinOr(known.get().versions().stream()
                        .map(v -> gk.group().isEmpty() ? v : gk.group() + "/" + v).toList())));
            }
            return;
        }
        if (defined.contains(gk)) {
            return;
        }
        List<String> elsewhere = types.all().stream().filter(t -> t.kind().equals(gk.kind()))
                .map(ResourceType::storageApiVersion).toList();
        if (!elsewhere.isEmpty()) {
            // e.g. extensions/v1beta1 Deployment, long since moved to apps/v1
            out.add(Diagnostic.warning(FieldPath.of("apiVersion"), Values.quote(object.apiVersion()) + " has no "
                    + gk.kind() + " Sluice knows; expected " + Suggestions.joinOr(elsewhere)));
            return;
        }
        List<String> kindsInGroup = new ArrayList<>(schemas.kindsInGroup(gk.group()));
        types.all().stream().filter(t -> t.group().equals(gk.group())).forEach(t -> kindsInGroup.add(t.kind()));
        String hint = Suggestions.closest(gk.kind(), kindsInGroup).map(k -> "; did you mean " + k + "?")
                .orElse(schemas.knowsGroup(gk.group()) ? "; Sluice reads " + Suggestions.joinAnd(schemas.kindsInGroup(gk.group()))
                        + " of this group" : "; only apiVersion, kind and metadata.name were checked");
        out.add(Diagnostic.warning(FieldPath.of("kind"), Values.quote(gk.kind()) + " is not a kind Sluice knows in "
                + (gk.group().isEmpty() ? "the core group" : gk.group()) + hint));
    }
}
