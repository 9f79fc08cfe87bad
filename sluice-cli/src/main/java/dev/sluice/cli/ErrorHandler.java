package dev.sluice.cli;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns failures into one clear message and exit 1, without a stack trace for user errors. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof InvalidInputException invalid) {
            for (Diagnostic d : invalid.diagnostics()) {
                cmd.getErr().println(name + ": " + d);
            }
        } else if (e instanceof UserException || e instanceof IllegalArgumentException) {
            cmd.getErr().println(name + ": " + e.getMessage());
        } else {
            cmd.getErr().println(name + ": " + e);
            if (System.getenv("SLUICE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set SLUICE_DEBUG=1 for the stack trace)");
            }
        }
        return 1;
    }
}
