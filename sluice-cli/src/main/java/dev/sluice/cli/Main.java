package dev.sluice.cli;

import picocli.CommandLine;

/** Entry point of the {@code sluice} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SluiceCommand.commandLine().execute(args));
    }
}
