package dev.sluice.local.apps;

/** A started built-in app. Closing it stops serving; idempotent. */
public interface RunningApp extends AutoCloseable {

    /** The port it listens on. */
    int port();

    @Override
    void close();
}
