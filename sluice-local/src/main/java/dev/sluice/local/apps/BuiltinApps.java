package dev.sluice.local.apps;

import dev.sluice.local.apps.faces.FacesApp;
import dev.sluice.local.apps.http.MeshClient;
import dev.sluice.local.apps.podinfo.PodinfoApp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The images Sluice runs in-process, by repository (any tag): the Faces demo and podinfo, plus any
 * the composition root registers (e.g. the load tester). Thread-safe. Closing it stops the shared
 * client thread the apps use to call the mesh; close it after the runner.
 */
public final class BuiltinApps implements AutoCloseable {

    private final Map<String, BuiltinApp> byRepository = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final MeshClient client;

    /**
     * @param random must be thread-safe (e.g. {@link java.util.Random}): replicas draw from it concurrently
     */
    public BuiltinApps(Clock clock, RandomGenerator random, Sleeper sleeper) {
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
        this.client = new MeshClient();
    }

    /** Faces ({@code ghcr.io/buoyantio/faces-*}, {@code dwflynn/faces-*}) and podinfo. */
    public static BuiltinApps standard(Clock clock, RandomGenerator random) {
        return standard(clock, random, Sleeper.REAL);
    }

    public static BuiltinApps standard(Clock clock, RandomGenerator random, Sleeper sleeper) {
        BuiltinApps apps = new BuiltinApps(clock, random, sleeper);
        FacesApp service = FacesApp.service(apps.client);
        FacesApp gui = FacesApp.gui(apps.client);
        apps.register("ghcr.io/buoyantio/faces-service", service);
        apps.register("dwflynn/faces-service", service);
        apps.register("ghcr.io/buoyantio/faces-gui", gui);
        apps.register("dwflynn/faces-gui", gui);
        PodinfoApp podinfo = new PodinfoApp();
        apps.register("ghcr.io/stefanprodan/podinfo", podinfo);
        apps.register("stefanprodan/podinfo", podinfo);
        return apps;
    }

    /** Runs {@code app} for every image of {@code repository} (e.g. {@code ghcr.io/fluxcd/flagger-loadtester}). */
    public BuiltinApps register(String repository, BuiltinApp app) {
        byRepository.put(ImageRef.parse(repository).repository(), app);
        return this;
    }

    public Optional<BuiltinApp> forImage(String image) {
        return Optional.ofNullable(byRepository.get(ImageRef.parse(image).repository()));
    }

    /** The registered repositories, normalized ({@code docker.io/dwflynn/faces-service}). */
    public Map<String, String> repositories() {
        Map<String, String> out = new LinkedHashMap<>();
        byRepository.keySet().stream().sorted().forEach(r -> out.put(r, byRepository.get(r).getClass().getSimpleName()));
        return out;
    }

    public Clock clock() {
        return clock;
    }

    public RandomGenerator random() {
        return random;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** The client built-in apps use to call other Services through the mesh. */
    public MeshClient meshClient() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
