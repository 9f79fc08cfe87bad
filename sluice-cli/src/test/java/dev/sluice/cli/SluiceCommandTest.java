package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SluiceCommandTest {

    @Test
    void versionPrintsTheProjectVersion() {
        CliRunner r = CliRunner.run("version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("sluice ").contains("java ");
        assertThat(r.out()).doesNotContain("${project.version}");
    }

    @Test
    void helpListsTheWholeCommandTree() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        for (String c : new String[] {"demo", "up", "controller", "bootstrap", "get", "reconcile", "suspend", "resume",
                "tree", "events", "logs", "stat", "kustomize", "build", "diff", "create", "validate", "simulate", "timeline",
                "drift", "revert", "promote", "abort", "retry", "pause", "install", "check", "version", "completion"}) {
            assertThat(r.out()).as("help lists %s", c).containsPattern("(?m)^  " + c + "\\b");
        }
    }

    @Test
    void aCommandNotBuiltYetSaysSoAndExits2() {
        CliRunner r = CliRunner.run("drift", "--all");
        assertThat(r.exitCode()).isEqualTo(PendingCommands.NOT_BUILT);
        assertThat(r.err()).contains("sluice drift: not built yet");
    }

    @Test
    void completionPrintsABashScriptAndAZshWrapper() {
        CliRunner bash = CliRunner.run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("sluice");
        CliRunner zsh = CliRunner.run("completion", "zsh");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRunner r = CliRunner.run("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }
}
