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

/** Flagger's MetricTemplate and AlertProvider ({@code flagger.app/v1beta1}). The records are the delivery engineer's. */
public final class FlaggerSchemas {

    /** What Flagger writes in the status of MetricTemplates and AlertProviders. */
    static final Schema.Obj STATUS = object(CONDITIONS).unknownFields(Schema.Unknown.PRESERVE);

    private FlaggerSchemas() {
    }

    public static KindSchema metricTemplate() {
        Schema.Obj spec = object(
                required("provider", object(
                        required("type", enumOf("prometheus", "influxdb", "datadog", "externalmetrics", "stackdriver",
                                "cloudwatch", "newrelic", "graphite", "dynatrace", "keptn", "splunk")),
                        field("address", string()),
                        field("secretRef", LOCAL_REF),
                        field("headers", mapOf(stringList())),
                        field("insecureSkipVerify", bool()),
                        field("region", string()))),
                required("query", string()).withDoc("A Go template of the query; {{ target }}, {{ namespace }}, {{ interval }} and {{ variables.x }} are filled in."));
        return new KindSchema(GroupKind.of(ResourceTypes.FLAGGER, "MetricTemplate"),
                new KindSchema.Names("metrictemplates", "metrictemplate", List.of("mt"), List.of("all")),
                true, true, List.of(new VersionSchema("v1beta1", resource(spec, STATUS), null,
                        List.of(PrinterColumn.of("Provider", "string", ".spec.provider.type")))));
    }

    public static KindSchema alertProvider() {
        Schema.Obj spec = object(
                field("type", enumOf("slack", "msteams", "discord", "rocket", "gchat")),
                field("channel", string()),
                field("username", string()),
                field("address", string()),
                field("proxy", string()),
                field("secretRef", LOCAL_REF));
        return new KindSchema(GroupKind.of(ResourceTypes.FLAGGER, "AlertProvider"),
                new KindSchema.Names("alertproviders", "alertprovider", List.of(), List.of("all")),
                true, true, List.of(new VersionSchema("v1beta1", resource(spec, STATUS), null,
                        List.of(PrinterColumn.of("Type", "string", ".spec.type")))));
    }
}
