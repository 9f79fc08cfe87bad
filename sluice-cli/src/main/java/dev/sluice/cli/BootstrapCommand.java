package dev.sluice.cli;

import dev.sluice.api.GoDuration;
import dev.sluice.gitops.source.GitAuth;
import dev.sluice.gitops.source.GitSourceException;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.install.InstallOptions;
import dev.sluice.server.kubernetes.bootstrap.BootstrapException;
import dev.sluice.server.kubernetes.bootstrap.GitBootstrap;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice bootstrap git}: Sluice manages itself from a Git repository, as after {@code flux bootstrap git}. */
@Command(name = "bootstrap", description = "Commit Sluice's own manifests to Git, install them, and sync the cluster from that repository.",
        subcommands = {BootstrapCommand.GitCmd.class})
final class BootstrapCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "git", description = {
            "Bootstrap from any Git server: commit <path>/sluice-system/ (sluice-components.yaml, sluice-sync.yaml,",
            "kustomization.yaml), install it, and wait until the GitRepository and Kustomization are Ready.",
            "Run it again to upgrade: only what changed is committed."})
    static final class GitCmd implements Callable<Integer> {

        @Option(names = "--url", required = true, paramLabel = "URL", description = "The repository (https://, http://, ssh:// or file://), as this machine and the cluster reach it.")
        String url;

        @Option(names = "--branch", defaultValue = "main", description = "The branch (default: ${DEFAULT-VALUE}); created when missing.")
        String branch;

        @Option(names = "--path", defaultValue = "clusters/my-cluster", paramLabel = "PATH", description = "The cluster's directory in the repository (default: ${DEFAULT-VALUE}).")
        String path;

        @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "HTTP basic authentication user.")
        String username;

        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "HTTP basic authentication password (or token), or the --ssh-key passphrase.")
        String password;

        @Option(names = "--ssh-key", paramLabel = "FILE", description = "SSH private key for ssh:// URLs (stored in the cluster as the GitRepository's secret).")
        Path sshKey;

        @Option(names = "--ssh-known-hosts", paramLabel = "FILE", description = "known_hosts with the Git server's host key (default: ~/.ssh/known_hosts).")
        Path knownHosts;

        @Option(names = "--silent", description = "Never ask: a missing password is an error instead of a prompt.")
        boolean silent;

        @Option(names = "--namespace", defaultValue = "sluice-system", paramLabel = "NS", description = "Where Sluice runs (default: ${DEFAULT-VALUE}).")
        String namespace;

        @Option(names = "--image", paramLabel = "IMAGE", description = "The controller image (default: sluice/sluice:" + InstallOptions.VERSION + ").")
        String image;

        @Option(names = "--author-name", defaultValue = "Sluice", paramLabel = "NAME", description = "Commit author (default: ${DEFAULT-VALUE}).")
        String authorName;

        @Option(names = "--author-email", defaultValue = "", paramLabel = "EMAIL", description = "Commit author's email.")
        String authorEmail;

        @Option(names = "--interval", defaultValue = "1m", paramLabel = "DURATION", description = "How often the GitRepository polls (default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", description = "How long each wait may take (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Option(names = "--verbose", description = "Also print every object applied.")
        boolean verbose;

        @Mixin
        Kubeconfigs kube;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintProgress progress = new PrintProgress(spec.commandLine().getOut(), Style.detect(), verbose);
            Map<String, String> secret = new LinkedHashMap<>();
            GitAuth auth = auth(secret);
            InstallOptions install = InstallOptions.defaults().withNamespace(namespace);
            if (image != null) {
                install = install.withImage(image);
            }
            GitBootstrap.Options options = new GitBootstrap.Options(url, branch, path, auth, secret,
                    new PersonIdent(authorName, authorEmail), install, GoDuration.parse(interval), GoDuration.parse(timeout));
            try (KubernetesCluster cluster = kube.connect()) {
                new GitBootstrap(cluster, progress).run(options);
                return 0;
            } catch (BootstrapException e) {
                progress.failure(e.getMessage());
                return 1;
            }
        }

        /** The push credentials; fills {@code secret} with what the cluster's GitRepository needs. */
        GitAuth auth(Map<String, String> secret) {
            if (sshKey != null) {
                if (username != null) {
                    throw new UserException("--ssh-key and --username exclude each other: SSH authenticates with the key");
                }
                if (!url.startsWith("ssh://")) {
                    throw new UserException("--ssh-key needs an ssh:// URL, got --url " + url);
                }
                Path hosts = knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
                secret.put("identity", read(sshKey, "--ssh-key"));
                secret.put("known_hosts", read(hosts, "--ssh-known-hosts"));
                if (password != null) {
                    secret.put("password", password);
                }
                Map<String, byte[]> data = new LinkedHashMap<>();
                secret.forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
                try {
                    return GitAuth.fromSecret("--ssh-key", data, url);
                } catch (GitSourceException e) {
                    throw new UserException(e.getMessage());
                }
            }
            if (username == null) {
                if (password != null) {
                    throw new UserException("--password needs --username (or --ssh-key for a key passphrase)");
                }
                return GitAuth.none();
            }
            String pass = password != null ? password : prompt();
            secret.put("username", username);
            secret.put("password", pass);
            return GitAuth.basic(username, pass);
        }

        private String prompt() {
            Console console = System.console();
            if (silent || console == null) {
                throw new UserException("--username " + username + " needs --password"
                        + (silent ? " (--silent never asks)" : " (no terminal to ask on)"));
            }
            char[] p = console.readPassword("Please enter your Git repository password: ");
            if (p == null) {
                throw new UserException("no password given");
            }
            return new String(p);
        }

        private static String read(Path file, String flag) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserException(flag + " " + file + ": cannot read (" + e.getMessage() + ")");
            }
        }
    }
}
