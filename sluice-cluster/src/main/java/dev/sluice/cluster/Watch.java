package dev.sluice.cluster;

/** A running watch; closing it stops delivery. Idempotent. */
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
