package dev.sluice.local.apps;

import java.time.Duration;

/** Waits on behalf of an app (injected delays); tests replace it with one that only records. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration d) throws InterruptedException;
}
