package dev.sluice.gitops.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit HTTP connections that trust the JDK's CAs plus the PEM certificates of a Secret's
 * {@code ca.crt} (as Flux adds {@code ca.crt} to the system pool). Per transport, so one
 * GitRepository's CA never affects another's.
 */
final class TrustingConnectionFactory implements HttpConnectionFactory {

    private final JDKHttpConnectionFactory delegate = new JDKHttpConnectionFactory();
    private final byte[] pem;

    TrustingConnectionFactory(byte[] pem) {
        this.pem = pem.clone();
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
            c.configure(null, new TrustManager[] {trustManager()}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid ca.crt: " + e.getMessage(), e);
        }
    }

    private X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        X509TrustManager extra = x509(store);
        X509TrustManager system = x509(null);
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
