package dev.sluice.delivery.loadtester;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection of a load worker, written by hand so the generator controls
 * the Host header ({@code -host}), keep-alive, and absolute-form requests through an HTTP proxy
 * (the mesh). Reads bodies by Content-Length, chunked encoding or until close, discarding them. Not
 * thread-safe: one per worker.
 */
final class Http1Connection implements AutoCloseable {

    private final URI url;
    private final InetSocketAddress proxy;
    private final Duration timeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** @param proxy an HTTP proxy receiving absolute-form requests, or null to connect directly */
    Http1Connection(URI url, InetSocketAddress proxy, Duration timeout) {
        this.url = url;
        this.proxy = proxy;
        this.timeout = timeout;
        if (proxy != null && url.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("https URLs cannot go through the mesh proxy: " + url);
        }
    }

    /** Sends one request and reads the whole response; returns the status. Reconnects when needed. */
    int exchange(String method, Map<String, String> headers, String host, byte[] body, String contentType,
                 boolean keepAlive) throws IOException {
        if (socket == null || socket.isClosed()) {
            connect();
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host.isEmpty() ? authority() : host).append("\r\n");
        head.append("User-Agent: sluice-loadtester\r\n");
        if (body.length > 0) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            int status = readResponse(method);
            if (!keepAlive) {
                close();
            }
            return status;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        boolean tls = url.getScheme().equalsIgnoreCase("https");
        String host = proxy != null ? proxy.getHostString() : url.getHost();
        int port = proxy != null ? proxy.getPort() : url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        s.setSoTimeout((int) timeout.toMillis());
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String q = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return proxy != null ? url.getScheme() + "://" + authority() + path + q : path + q;
    }

    private String authority() {
        return url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    }

    private int readResponse(String method) throws IOException {
        String status = line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("malformed status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close") || close && !value.equalsIgnoreCase("keep-alive");
                default -> { }
            }
        }
        if (method.equals("HEAD") || code == 204 || code == 304 || code / 100 == 1) {
            length = 0;
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            for (String t = line(); !t.isEmpty(); t = line()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            while (in.read() >= 0) {
                // until the server closes
            }
            close = true;
        }
        if (close) {
            close();
        }
        return code;
    }

    private long chunkSize() throws IOException {
        String l = line();
        int semi = l.indexOf(';');
        return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).strip(), 16);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in the middle of a response body");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed before the response was complete");
            }
            if (c != '\r') {
                b.append((char) c);
            }
            if (b.length() > 64 * 1024) {
                throw new IOException("response header line longer than 64 KiB");
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
