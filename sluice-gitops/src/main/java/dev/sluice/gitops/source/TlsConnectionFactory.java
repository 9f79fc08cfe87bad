package dev.sluice.gitops.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Iterator;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit HTTPS connections with a Secret's TLS settings: the JDK's CAs plus the PEM certificates of
 * {@code ca.crt} (as Flux adds {@code ca.crt} to the system pool), and the client certificate of
 * {@code tls.crt}/{@code tls.key}. Per transport, so one GitRepository's settings never affect
 * another's.
 */
final class TlsConnectionFactory implements HttpConnectionFactory {

    private static final char[] NO_PASSWORD = new char[0];
    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final JDKHttpConnectionFactory delegate = new JDKHttpConnectionFactory();
    private final Optional<byte[]> ca;
    private final Optional<GitAuth.ClientCert> client;

    TlsConnectionFactory(Optional<byte[]> ca, Optional<GitAuth.ClientCert> client) {
        this.ca = ca;
        this.client = client;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return configure(delegate.create(url));
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return configure(delegate.create(url, proxy));
    }

    private HttpConnection configure(HttpConnection c) throws IOException {
        try {
            c.configure(keyManagers(), new TrustManager[] {trustManager()}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid TLS data in the secret: " + e.getMessage(), e);
        }
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        if (client.isEmpty()) {
            return null;
        }
        Certificate[] chain = certificates(client.get().certificate());
        if (chain.length == 0) {
            throw new GeneralSecurityException("no certificate in 'tls.crt'");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("client", privateKey(client.get().key()), NO_PASSWORD, chain);
        KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        f.init(store, NO_PASSWORD);
        return f.getKeyManagers();
    }

    /** A PEM private key: PKCS#8 through the JDK; PKCS#1 (RSA) and SEC1 (EC) through sshd's readers. */
    private static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException, IOException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        Matcher m = PKCS8.matcher(text);
        if (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            for (String algorithm : List.of("EC", "RSA", "Ed25519", "DSA")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (InvalidKeySpecException other) {
                    // try the next algorithm
                }
            }
            throw new GeneralSecurityException("unsupported PKCS#8 key in 'tls.key'");
        }
        Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("tls.key"),
                new ByteArrayInputStream(pem), null);
        Iterator<KeyPair> it = keys == null ? null : keys.iterator();
        if (it == null || !it.hasNext()) {
            throw new GeneralSecurityException("no private key in 'tls.key'");
        }
        return it.next().getPrivate();
    }

    private X509TrustManager trustManager() throws GeneralSecurityException {
        X509TrustManager system = x509(null);
        if (ca.isEmpty()) {
            return system;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certificates(ca.get())) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        X509TrustManager extra = x509(store);
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) throws CertificateException {
                system.checkClientTrusted(chain, type);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) throws CertificateException {
                try {
                    extra.checkServerTrusted(chain, type);
                } catch (CertificateException notOurs) {
                    system.checkServerTrusted(chain, type);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return system.getAcceptedIssuers();
            }
        };
    }

    private static Certificate[] certificates(byte[] pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                .toArray(Certificate[]::new);
    }

    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }
}
