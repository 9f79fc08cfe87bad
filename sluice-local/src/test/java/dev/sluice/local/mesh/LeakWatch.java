package dev.sluice.local.mesh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector at PARANOID, with every reported leak kept so a test can fail on it.
 * {@link #install()} must run before Netty's buffer classes load (a static initializer of the test).
 */
final class LeakWatch {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private LeakWatch() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<T>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + ": " + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType);
                    }
                };
            }
        });
    }

    /** Collects garbage, lets the detector look, and returns the leaks found so far. */
    static List<String> leaks() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            List<ByteBuf> probes = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                probes.add(PooledByteBufAllocator.DEFAULT.buffer(16));
                probes.add(UnpooledByteBufAllocator.DEFAULT.buffer(16));
            }
            probes.forEach(ByteBuf::release);
        }
        return List.copyOf(LEAKS);
    }
}
