package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.PrinterColumn;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/** Flux's HelmChart ({@code source.toolkit.fluxcd.io}): v1, and v1beta2/v1beta1 as read. */
public final class HelmChartSchema {

    static final Schema.Obj VERIFY = object(
            required("provider", enumOf("cosign", "notation")).withDefault("cosign"),
            field("secretRef", LOCAL_REF),
            field("matchOIDCIdentity", listOf(object(required("issuer", string()), required("subject", string())))));

    static final Schema.Obj SPEC = object(
            required("chart", string()),
            field("version", string()).withDefault("*"),
            required("sourceRef", object(
                    field("apiVersion", string()),
                    required("kind", enumOf("HelmRepository", "GitRepository", "Bucket")),
                    required("name", string()))),
            required("interval", fluxDuration()),
            field("reconcileStrategy", enumOf("ChartVersion", "Revision")).withDefault("ChartVersion"),
            field("valuesFiles", stringList()),
            field("ignoreMissingValuesFiles", bool()),
            field("suspend", bool()),
            field("verify", VERIFY));

    static final Schema.Obj STATUS = SourceStatus.BASE
            .with(field("observedSourceArtifactRevision", string()))
            .with(field("observedChartName", string()))
            .with(field("observedValuesFiles", stringList()));

    static final List<PrinterColumn> COLUMNS = List.of(
            PrinterColumn.of("Chart", "string", ".spec.chart"),
            PrinterColumn.of("Version", "string", ".spec.version"),
            PrinterColumn.of("Source Kind", "string", ".spec.sourceRef.kind"),
            PrinterColumn.of("Source Name", "string", ".spec.sourceRef.name"),
            PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS);

    private HelmChartSchema() {
    }

    public static KindSchema get() {
        VersionSchema v1 = new VersionSchema("v1", resource(SPEC, STATUS), null, COLUMNS);
        VersionSchema v1beta2 = v1.lenientStatus().editSpec("v1beta2", "v1beta2 HelmChart is deprecated, upgrade to v1", s -> s
                .with(field("valuesFile", string())
                        .deprecated("use valuesFiles; Sluice puts it first in valuesFiles, as it was merged first"))
                .with(field("accessFrom", ACCESS_FROM).deprecated("not supported in v1; dropped on conversion")));
        VersionSchema v1beta1 = v1beta2.editSpec("v1beta1", "v1beta1 HelmChart is deprecated, upgrade to v1", s -> s
                        .without("ignoreMissingValuesFiles", "verify")
                        .edit("interval", f -> f.withSchema(duration())))
                .withColumns(List.of(COLUMNS.get(0), COLUMNS.get(1), COLUMNS.get(2), COLUMNS.get(3),
                        PrinterColumn.READY, PrinterColumn.STATUS, PrinterColumn.AGE));
        return new KindSchema(GroupKind.of(ResourceTypes.SOURCE, "HelmChart"),
                new KindSchema.Names("helmcharts", "helmchart", List.of("hc"), List.of("all", "fluxcd")),
                true, true, List.of(v1, v1beta2, v1beta1));
    }
}
