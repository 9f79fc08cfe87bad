package dev.sluice.server.embedded;

import dev.sluice.delivery.loadtester.LoadGenerator;
import dev.sluice.delivery.loadtester.LoadTesterServer;
import dev.sluice.delivery.loadtester.LoadTesterSettings;
import dev.sluice.delivery.loadtester.Pacer;
import dev.sluice.delivery.net.HttpProxy;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.BuiltinApp;
import dev.sluice.local.apps.RunningApp;
import java.io.IOException;

/**
 * Flagger's load tester ({@code ghcr.io/fluxcd/flagger-loadtester}) as a built-in app: the seeds'
 * webhook URL {@code http://flagger-loadtester.flagger-system/} and their {@code hey} commands work
 * unchanged, with the load sent through the mesh so cluster-internal hosts resolve.
 */
final class LoadTesterApp implements BuiltinApp {

    static final String IMAGE = "ghcr.io/fluxcd/flagger-loadtester";

    @Override
    public RunningApp start(AppContext ctx) throws IOException {
        LoadGenerator generator = new LoadGenerator(Pacer.real(), System::nanoTime,
                ctx.mesh().map(HttpProxy::forAll).orElse(null));
        LoadTesterServer server = LoadTesterServer.start(LoadTesterSettings.defaults().withPort(ctx.port()), generator,
                ctx.log()::accept);
        return new RunningApp() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
