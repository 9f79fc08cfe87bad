package dev.sluice.testkit.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate and its key, made with the JDK's own {@code keytool} (the JDK has no
 * public API to create certificates, and a test helper should not pull in a crypto library). For
 * servers ({@code CN=127.0.0.1}) and for TLS client authentication.
 *
 * @param keyStore      a PKCS#12 store holding the key and certificate (password {@code changeit})
 * @param pem           the certificate, PEM
 * @param privateKeyPem the private key, PKCS#8 PEM
 */
public record SelfSignedCertificate(KeyStore keyStore, X509Certificate certificate, String pem, String privateKeyPem) {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A certificate for 127.0.0.1 (also its subject alternative name) made in {@code dir}. */
    public static SelfSignedCertificate create(Path dir) throws IOException, GeneralSecurityException {
        return create(dir, "127.0.0.1");
    }

    public static SelfSignedCertificate create(Path dir, String commonName) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path store = dir.resolve("cert-" + System.nanoTime() + ".p12");
        keytool(dir, "-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + commonName, "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        String pem = keytool(dir, "-exportcert", "-rfc", "-alias", "key", "-keystore", store.toString(),
                "-storepass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        String key = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(ks.getKey("key", PASSWORD).getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new SelfSignedCertificate(ks, (X509Certificate) ks.getCertificate("key"), pem, key);
    }

    /** A server context presenting this certificate; trusting {@code clients} when given. */
    public SSLContext serverContext(SelfSignedCertificate... clients) throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        TrustManagerFactory tmf = null;
        if (clients.length > 0) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < clients.length; i++) {
                trusted.setCertificateEntry("client-" + i, clients[i].certificate());
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String keytool(Path dir, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
