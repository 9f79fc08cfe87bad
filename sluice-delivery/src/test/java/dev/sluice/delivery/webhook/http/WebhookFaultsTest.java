package dev.sluice.delivery.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.webhook.WebhookResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris webhooks (issue 10, faults): a server that sends part of its answer and then nothing
 * more, in the status line, the headers or the body, must cost a hook no more than its timeout per
 * attempt, end as a failure that says so, and be retried like any other timeout. (Timeouts, 5xx and
 * redirect loops are in {@link HttpWebhookClientTest}.)
 */
class WebhookFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final HttpClients clients = HttpClients.defaults();
    private final List<Duration> waits = new ArrayList<>();
    private final HttpWebhookClient client = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS, waits::add);

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aStatusLineThatNeverEndsTimesOut() throws Exception {
        try (Loris loris = new Loris("HTTP/1.1 2")) {
            assertTimedOut(loris, 0);
        }
    }

    @Test
    void headersThatNeverEndTimeOut() throws Exception {
        try (Loris loris = new Loris("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: ")) {
            assertTimedOut(loris, 0);
        }
    }

    @Test
    void aBodyThatNeverEndsTimesOutAndIsRetriedThenGivenUp() throws Exception {
        try (Loris loris = new Loris("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nok so far")) {
            WebhookResult r = assertTimedOut(loris, 2);
            assertThat(((WebhookResult.Failed) r).message()).endsWith("(giving up after 3 attempts)");
            assertThat(loris.connections.get()).isEqualTo(3);
            assertThat(waits).hasSize(2);
        }
    }

    @Test
    void aChunkedBodyThatNeverEndsTimesOut() throws Exception {
        try (Loris loris = new Loris("HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nerror\r\n")) {
            assertTimedOut(loris, 0);
        }
    }

    private WebhookResult assertTimedOut(Loris loris, int retries) {
        WebhookSpec hook = new WebhookSpec("gate", HookType.CONFIRM_ROLLOUT, loris.url(), TIMEOUT, retries, Map.of(),
                false, false);
        // bounded: without a deadline for the whole exchange this would wait until the server gives up
        WebhookResult r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> client.call(hook, HttpWebhookClientTest.PAYLOAD));
        assertThat(r.isPassed()).isFalse();
        assertThat(((WebhookResult.Failed) r).message()).startsWith("POST " + loris.url() + ": timed out after 400ms");
        return r;
    }

    /**
     * A server on 127.0.0.1 that reads each request's head, writes {@code prefix} and then holds the
     * connection open without another byte until closed.
     */
    private static final class Loris implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket server;
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<Socket> sockets = new ArrayList<>();
        private final Thread acceptor;

        Loris(String prefix) throws IOException {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        synchronized (sockets) {
                            sockets.add(s);
                        }
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, prefix));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, String prefix) {
            try {
                InputStream in = s.getInputStream();
                readHead(in);
                OutputStream out = s.getOutputStream();
                out.write(prefix.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                release.await(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the client hung up, as it should
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Reads up to the blank line ending the request head (the small JSON body may follow unread). */
        private static void readHead(InputStream in) throws IOException {
            int state = 0;
            for (int b; (b = in.read()) != -1; ) {
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
                if (state == 4) {
                    return;
                }
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            server.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            acceptor.join(5_000);
        }
    }
}
