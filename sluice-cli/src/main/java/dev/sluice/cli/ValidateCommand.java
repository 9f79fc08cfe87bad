package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.Json;
import dev.sluice.api.validation.ValidationReport;
import dev.sluice.api.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice validate FILE|DIR...}: syntax, schema and semantic checks of YAML files. */
@Command(name = "validate", description = {
        "Validate YAML files and directories offline (syntax, schema, Flux and Flagger rules).",
        "Unknown fields get a did-you-mean. Exits 1 when there is any error, 0 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or directories (read recursively).")
    List<Path> paths;

    @Mixin
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserException(p + ": no such file or directory");
            }
        }
        ValidationReport report = Validator.builtIn().validate(paths);
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.println(Json.writePretty(toJson(report)));
        } else {
            Style style = Style.detect();
            for (Diagnostic d : report.diagnostics()) {
                out.println((d.isError() ? style.red("error: ") : style.yellow("warning: ")) + d);
            }
            out.println(report.hasErrors() ? style.red(report.summary()) : style.green(report.summary()));
        }
        return report.hasErrors() ? 1 : 0;
    }

    private static ObjectNode toJson(ValidationReport report) {
        ObjectNode n = Json.object();
        n.put("files", report.files()).put("objects", report.objects())
                .put("errors", report.errors().size()).put("warnings", report.warnings().size());
        ArrayNode diags = n.putArray("diagnostics");
        for (Diagnostic d : report.diagnostics()) {
            diags.addObject().put("severity", d.severity().name().toLowerCase()).put("file", d.source())
                    .put("document", d.document()).put("line", d.line()).put("path", d.path().toString())
                    .put("message", d.message()).put("text", d.toString());
        }
        return n;
    }
}
