package dev.sluice.cli;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How {@code sluice get} shows one kind: its columns (those of flux and of kubectl's printer
 * columns for Flagger's Canary) and the namespace it defaults to.
 */
record KindView(GroupKind kind, String defaultNamespace, List<String> headers, Function<KubeObject, List<String>> row,
                List<String> wideHeaders, Function<KubeObject, List<String>> wideRow) {

    static final KindView GIT_REPOSITORIES = flux(GroupKind.of(ResourceTypes.SOURCE, "GitRepository"),
            o -> Columns.shortRevision(o.status().path("artifact").path("revision").asText("")));
    static final KindView KUSTOMIZATIONS = flux(GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"),
            o -> Columns.shortRevision(o.status().path("lastAppliedRevision").asText("")));
    /** An OCI HelmRepository is a static object with no status; flux shows it Ready. */
    static final KindView HELM_REPOSITORIES = new KindView(GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"), "flux-system",
            List.of("NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"),
            o -> isOci(o) ? List.of(o.name(), "", Columns.suspended(o), "True", "Helm repository is Ready")
                    : List.of(o.name(), shortDigest(o.status().path("artifact").path("revision").asText("")),
                            Columns.suspended(o), Columns.ready(o), Columns.message(o)),
            List.of(), o -> List.of());
    static final KindView HELM_CHARTS = flux(GroupKind.of(ResourceTypes.SOURCE, "HelmChart"),
            o -> o.status().path("artifact").path("revision").asText(""));
    /** flux shows the chart version of the newest release in history, else the last attempted one. */
    static final KindView HELM_RELEASES = flux(GroupKind.of(ResourceTypes.HELM, "HelmRelease"),
            o -> o.status().path("history").path(0).path("chartVersion")
                    .asText(o.status().path("lastAttemptedRevision").asText("")));
    static final KindView CANARIES = new KindView(GroupKind.of(ResourceTypes.FLAGGER, "Canary"), "default",
            List.of("NAME", "STATUS", "WEIGHT", "LASTTRANSITIONTIME"),
            o -> List.of(o.name(), o.status().path("phase").asText(""), o.status().path("canaryWeight").asText("0"),
                    o.status().path("lastTransitionTime").asText("")),
            List.of("SUSPENDED", "FAILEDCHECKS", "INTERVAL", "MIRROR", "STEPWEIGHT", "STEPWEIGHTS", "MAXWEIGHT", "GITDRIFT"),
            o -> {
                var a = o.spec().has("analysis") ? o.spec().path("analysis") : o.spec().path("canaryAnalysis");
                List<String> steps = new ArrayList<>();
                a.path("stepWeights").forEach(s -> steps.add(s.asText()));
                return List.of(Columns.suspended(o), o.status().path("failedChecks").asText("0"),
                        a.path("interval").asText(""), a.path("mirror").asText("false"), a.path("stepWeight").asText(""),
                        steps.isEmpty() ? "" : String.join(",", steps), a.path("maxWeight").asText(""),
                        gitDrift(o));
            });

    private static KindView flux(GroupKind kind, Function<KubeObject, String> revision) {
        return new KindView(kind, "flux-system", List.of("NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"),
                o -> List.of(o.name(), revision.apply(o), Columns.suspended(o), Columns.ready(o), Columns.message(o)),
                List.of(), o -> List.of());
    }

    /** A HelmRepository of type oci: the registry's address for its HelmCharts, never reconciled. */
    static boolean isOci(KubeObject o) {
        return "oci".equals(o.spec().path("type").asText());
    }

    /** {@code sha256:0123abcd}: a HelmRepository's index digest, shortened as flux prints it. */
    static String shortDigest(String revision) {
        return revision.startsWith("sha256:") && revision.length() > 15 ? revision.substring(0, 15) : revision;
    }

    private static String gitDrift(KubeObject o) {
        return dev.sluice.api.Conditions.find(o.status(), "GitDrift").filter(c -> c.isTrue())
                .map(c -> c.reason()).orElse("");
    }

    List<String> headers(boolean wide, boolean allNamespaces) {
        List<String> h = new ArrayList<>();
        if (allNamespaces) {
            h.add("NAMESPACE");
        }
        h.addAll(headers);
        if (wide) {
            h.addAll(wideHeaders);
        }
        return h;
    }

    List<String> cells(KubeObject o, boolean wide, boolean allNamespaces) {
        List<String> c = new ArrayList<>();
        if (allNamespaces) {
            c.add(o.namespace());
        }
        c.addAll(row.apply(o));
        if (wide) {
            c.addAll(wideRow.apply(o));
        }
        return c;
    }
}
