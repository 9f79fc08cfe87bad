package dev.sluice.gitops.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Applies {@link GitAuth} to one JGit command: credentials, bearer header, extra CA and an SSH
 * session factory that knows only the Secret's identity and known_hosts (never the user's
 * {@code ~/.ssh}). Holds temporary files for SSH; close it after the command. Public for other
 * JGit users (e.g. {@code sluice bootstrap git} pushing with the same credentials). Not thread-safe.
 */
public final class TransportSetup implements AutoCloseable {

    private final GitAuth auth;
    private Path sshDir;
    private SshdSessionFactory ssh;

    private TransportSetup(GitAuth auth) {
        this.auth = auth;
    }

    public static TransportSetup of(GitAuth auth) {
        return new TransportSetup(auth);
    }

    /** Sets {@code cmd}'s credentials, timeout and transport callbacks; returns it. */
    public <C extends TransportCommand<C, ?>> C apply(C cmd, Duration timeout) {
        JGitClient.withTimeout(cmd, timeout);
        switch (auth.kind()) {
            case BASIC -> cmd.setCredentialsProvider(new UsernamePasswordCredentialsProvider(auth.username(), auth.password()));
            case SSH -> cmd.setCredentialsProvider(new UsernamePasswordCredentialsProvider("git", auth.password()));
            default -> {
            }
        }
        cmd.setTransportConfigCallback(t -> {
            if (t instanceof TransportHttp http) {
                if (auth.kind() == GitAuth.Kind.BEARER) {
                    http.setAdditionalHeaders(Map.of("Authorization", "Bearer " + auth.bearerToken()));
                }
                if (auth.customTls()) {
                    http.setHttpConnectionFactory(new TlsConnectionFactory(auth.caCert(), auth.client()));
                }
            } else if (t instanceof SshTransport s) {
                s.setSshSessionFactory(sshFactory());
            }
        });
        return cmd;
    }

    private SshdSessionFactory sshFactory() {
        if (ssh == null) {
            try {
                sshDir = Files.createTempDirectory("sluice-ssh-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Path knownHosts = Files.write(sshDir.resolve("known_hosts"), auth.knownHosts());
                List<KeyPair> keys = identity();
                ssh = new SshdSessionFactoryBuilder()
                        .setHomeDirectory(sshDir.toFile())
                        .setSshDirectory(sshDir.toFile())
                        .setDefaultKeysProvider(d -> keys)
                        .setDefaultKnownHostsFiles(d -> List.of(knownHosts))
                        .setPreferredAuthentications("publickey")
                        .setConfigStoreFactory((home, config, user) -> null)
                        .build(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ssh;
    }

    /** The Secret's {@code identity} (OpenSSH or PEM), decrypted with its {@code password} if any. */
    private List<KeyPair> identity() throws IOException {
        FilePasswordProvider passphrase = auth.password().isEmpty() ? null : FilePasswordProvider.of(auth.password());
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("identity"),
                    new ByteArrayInputStream(auth.identity()), passphrase);
            List<KeyPair> out = new ArrayList<>();
            if (loaded != null) {
                loaded.forEach(out::add);
            }
            if (out.isEmpty()) {
                throw new IOException("no private key found");
            }
            return out;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("invalid 'identity' in the secret: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
        if (sshDir != null) {
            Storage.deleteTree(sshDir);
        }
    }
}
