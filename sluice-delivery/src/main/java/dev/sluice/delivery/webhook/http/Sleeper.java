package dev.sluice.delivery.webhook.http;

import java.time.Duration;

/** Waits between retries; tests record the waits instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
}
