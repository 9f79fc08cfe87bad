package dev.sluice.cluster.embedded;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Object uids: random (version 4) UUIDs drawn from the injected generator, so tests can fix them. */
final class Identities {

    private final RandomGenerator random;

    Identities(RandomGenerator random) {
        this.random = random;
    }

    synchronized String newUid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(hi, lo).toString();
    }
}
