package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.validation.PrinterColumn;
import dev.sluice.api.validation.Schema;
import java.util.List;

/** Pieces shared by the source.toolkit.fluxcd.io kinds. */
final class SourceStatus {

    static final String GROUP_CATEGORIES = "fluxcd";

    /** observedGeneration, conditions, artifact, url, lastHandledReconcileAt. */
    static final Schema.Obj BASE = object(
            LAST_HANDLED_RECONCILE_AT,
            OBSERVED_GENERATION,
            CONDITIONS,
            field("artifact", ARTIFACT),
            field("url", string()));

    /** URL, Age, Ready, Status, as GitRepository and HelmRepository v1 show them. */
    static final List<PrinterColumn> URL_COLUMNS = List.of(PrinterColumn.of("URL", "string", ".spec.url"),
            PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS);

    /** v1beta1 printed Age last. */
    static final List<PrinterColumn> URL_COLUMNS_V1BETA1 = List.of(PrinterColumn.of("URL", "string", ".spec.url"),
            PrinterColumn.READY, PrinterColumn.STATUS, PrinterColumn.AGE);

    private SourceStatus() {
    }
}
