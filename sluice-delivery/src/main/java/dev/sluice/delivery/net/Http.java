package dev.sluice.delivery.net;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One HTTP exchange with a deadline for the whole of it (head and body) and a capped body. */
public final class Http {

    private Http() {
    }

    /**
     * @throws IOException          when the connection fails or the deadline passes ("timed out after 5s")
     * @throws InterruptedException when the calling thread is interrupted (the request is cancelled)
     */
    public static HttpResponse<CappedBody> send(HttpClient client, HttpRequest request, Duration deadline, int cap)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<CappedBody>> f = client.sendAsync(request, CappedBody.handler(cap));
        try {
            return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IOException("timed out after " + dev.sluice.api.GoDuration.format(deadline), e);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException t) {
                throw new IOException("timed out after " + dev.sluice.api.GoDuration.format(deadline), t);
            }
            if (cause instanceof IOException io) {
                throw new IOException(describe(io), io);
            }
            throw new IOException(cause == null ? e.getMessage() : cause.toString(), cause);
        }
    }

    /** A readable reason for an I/O failure (the JDK often leaves the message null). */
    public static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (m == null || m.isEmpty() ? "" : " (" + m + ")");
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out" + (m == null ? "" : ": " + m);
        }
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
