package dev.sluice.local.runtime.exec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Hands out free loopback ports for replicas. Thread-safe. */
@FunctionalInterface
public interface PortAllocator {

    int allocate() throws IOException;

    /** A port the system calls free right now (another program could still take it before us). */
    static PortAllocator ephemeral() {
        return () -> {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            }
        };
    }
}
