package dev.sluice.testkit.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An in-process Git server over SSH on 127.0.0.1 (Apache MINA sshd, the library JGit's SSH client
 * uses), serving {@code git-upload-pack} and {@code git-receive-pack} with JGit. Only public-key
 * authentication with one authorized key; a fresh ECDSA host key per server, whose
 * {@link #knownHostsLine()} goes into a Secret's {@code known_hosts}. Thread-safe.
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer sshd;
    private final KeyPair hostKey;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();

    private GitSshServer(SshServer sshd, KeyPair hostKey) {
        this.sshd = sshd;
        this.hostKey = hostKey;
    }

    /** Starts a server that accepts only {@code authorizedKey}. */
    public static GitSshServer start(PublicKey authorizedKey) {
        try {
            KeyPair host = newKeyPair();
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            sshd.setPort(0);
            sshd.setKeyPairProvider(KeyPairProvider.wrap(host));
            sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorizedKey));
            sshd.setPasswordAuthenticator(null);
            sshd.setKeyboardInteractiveAuthenticator(null);
            GitSshServer server = new GitSshServer(sshd, host);
            sshd.setCommandFactory((channel, command) -> server.new GitCommand(command));
            sshd.start();
            return server;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the Git SSH server", e);
        }
    }

    /** A new ECDSA P-256 key pair (for a client identity or a host key). */
    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** The key pair in OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), as {@code ssh-keygen} writes it. */
    public static String privateKeyOpenSsh(KeyPair pair) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "sluice-test", null, out);
            return out.toString(java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public GitSshServer serve(String name, Repository repository) {
        repositories.put(name.replaceAll("^/+|/+$", ""), repository);
        return this;
    }

    /** {@code ssh://git@127.0.0.1:<port>/<name>}. */
    public String url(String name) {
        return "ssh://git@127.0.0.1:" + sshd.getPort() + "/" + name;
    }

    /** {@code [127.0.0.1]:<port> ecdsa-sha2-nistp256 AAAA...}: this server's known_hosts entry. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Git commands served. */
    public int commands() {
        return sessions.get();
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Runs one {@code git-upload-pack '<path>'} or {@code git-receive-pack '<path>'}. */
    private final class GitCommand implements Command, Runnable {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread t = new Thread(this, "git-ssh-command");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void run() {
            sessions.incrementAndGet();
            String[] parts = command.split(" ", 2);
            String path = parts.length < 2 ? "" : parts[1].replaceAll("^'|'$", "").replaceAll("^/+|/+$", "");
            Repository repo = repositories.get(path);
            try {
                if (repo == null) {
                    err.write(("repository '" + path + "' not found\n").getBytes());
                    err.flush();
                    exit.onExit(1);
                } else if (parts[0].equals("git-upload-pack")) {
                    new UploadPack(repo).upload(in, out, err);
                    exit.onExit(0);
                } else if (parts[0].equals("git-receive-pack")) {
                    new ReceivePack(repo).receive(in, out, err);
                    exit.onExit(0);
                } else {
                    exit.onExit(127, "unknown command " + parts[0]);
                }
            } catch (IOException e) {
                exit.onExit(1, e.getMessage());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
