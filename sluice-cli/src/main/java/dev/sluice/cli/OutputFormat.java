package dev.sluice.cli;

import picocli.CommandLine.Option;

/** The {@code -o table|wide|yaml|json} convention shared by the commands that print objects. */
final class OutputFormat {

    enum Format { table, wide, yaml, json }

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "Output format: table, wide, yaml or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    boolean structured() {
        return format == Format.json || format == Format.yaml;
    }
}
