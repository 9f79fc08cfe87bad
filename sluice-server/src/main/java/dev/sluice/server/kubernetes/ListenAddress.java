package dev.sluice.server.kubernetes;

import java.net.InetSocketAddress;
import java.util.Optional;

/** controller-runtime's bind addresses: {@code :8080} (every interface), {@code 127.0.0.1:0}, or {@code 0} for off. */
public final class ListenAddress {

    private ListenAddress() {
    }

    /**
     * Parses a bind address.
     *
     * @param flag named in the error, e.g. {@code --metrics-addr}
     * @return empty for {@code 0} (serving turned off, as controller-runtime's {@code --metrics-bind-address=0})
     * @throws IllegalArgumentException naming the flag, the value and the expected form
     */
    public static Optional<InetSocketAddress> parse(String flag, String value) {
        String v = value == null ? "" : value.strip();
        if (v.equals("0")) {
            return Optional.empty();
        }
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            throw bad(flag, value);
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(flag, value);
        }
        if (port < 0 || port > 65535) {
            throw bad(flag, value);
        }
        return Optional.of(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
    }

    private static IllegalArgumentException bad(String flag, String value) {
        return new IllegalArgumentException(flag + " '" + value + "': expected [HOST]:PORT (e.g. :8080 or 127.0.0.1:8080),"
                + " or 0 to turn it off");
    }
}
