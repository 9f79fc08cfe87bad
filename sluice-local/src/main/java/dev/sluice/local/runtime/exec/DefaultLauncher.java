package dev.sluice.local.runtime.exec;

import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.AppStartException;
import dev.sluice.local.apps.BuiltinApp;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.runtime.spec.ContainerSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a container as a built-in app when its image is one (any tag), else as a local process when
 * it has a {@code command}; anything else is not runnable in embedded mode.
 */
public final class DefaultLauncher implements ContainerLauncher {

    private final BuiltinApps apps;
    private final Optional<InetSocketAddress> mesh;

    public DefaultLauncher(BuiltinApps apps, Optional<InetSocketAddress> mesh) {
        this.apps = apps;
        this.mesh = mesh;
    }

    @Override
    public Optional<String> whyNotRunnable(ContainerSpec c) {
        if (builtin(c) || !c.command().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("image " + c.image() + " is not runnable in embedded mode; give the container a command"
                + " or use a built-in image");
    }

    @Override
    public boolean builtin(ContainerSpec c) {
        return apps.forImage(c.image()).isPresent();
    }

    @Override
    public RunningContainer launch(LaunchRequest r) throws LaunchException {
        Optional<BuiltinApp> app = apps.forImage(r.container().image());
        if (app.isEmpty()) {
            return ProcessContainer.start(r);
        }
        List<String> argv = new ArrayList<>(r.command());
        argv.addAll(r.args());
        AppContext ctx = new AppContext(r.namespace(), r.pod(), r.container().image(), r.env(), argv, r.port(), mesh,
                r.log()::append, apps.clock(), apps.random(), apps.sleeper());
        try {
            return new BuiltinContainer(app.get().start(ctx));
        } catch (AppStartException e) {
            r.log().append("error: " + e.getMessage());
            throw new LaunchException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            r.log().append("error: cannot start: " + e);
            throw new LaunchException("built-in app for " + r.container().image() + " cannot start: " + e.getMessage(), e);
        }
    }
}
