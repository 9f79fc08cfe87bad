package dev.sluice.local.apps.faces;

import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.AppStartException;
import dev.sluice.local.apps.BuiltinApp;
import dev.sluice.local.apps.RunningApp;
import dev.sluice.local.apps.http.AppServer;
import dev.sluice.local.apps.http.HttpHandler;
import dev.sluice.local.apps.http.MeshClient;
import java.io.IOException;
import java.util.Locale;

/**
 * Our Faces demo, in place of {@code faces-service} and {@code faces-gui} images. A service
 * replica's role comes from {@code FACES_SERVICE} ({@code face}, {@code smiley}, {@code color}), as
 * in the original; a GUI image always plays the GUI.
 */
public final class FacesApp implements BuiltinApp {

    private final boolean gui;
    private final MeshClient client;

    private FacesApp(boolean gui, MeshClient client) {
        this.gui = gui;
        this.client = client;
    }

    /** For {@code faces-service} images. */
    public static FacesApp service(MeshClient client) {
        return new FacesApp(false, client);
    }

    /** For {@code faces-gui} images. */
    public static FacesApp gui(MeshClient client) {
        return new FacesApp(true, client);
    }

    @Override
    public RunningApp start(AppContext ctx) throws IOException {
        String role = gui ? "gui" : ctx.env("FACES_SERVICE", "").strip().toLowerCase(Locale.ROOT);
        FacesKnobs knobs = FacesKnobs.from(ctx.env());
        FaultInjector faults = new FaultInjector(knobs, ctx.clock(), ctx.random());
        HttpHandler handler = switch (role) {
            case "face" -> new FaceService(ctx, knobs, faults, client);
            case "smiley" -> LeafService.smiley(ctx, knobs, faults);
            case "color" -> LeafService.color(ctx, knobs, faults);
            case "gui" -> new GuiService(ctx, knobs, faults, client);
            case "" -> throw new AppStartException(
                    "env FACES_SERVICE is not set; expected face, smiley or color (the role this replica plays)");
            default -> throw new AppStartException(
                    "env FACES_SERVICE='" + ctx.env("FACES_SERVICE", "") + "' is not a Faces role; expected face, smiley or color");
        };
        AppServer server = AppServer.start(ctx.port(), handler, ctx.log());
        ctx.log().accept("faces " + role + " listening on 127.0.0.1:" + server.port() + " (error_fraction " + knobs.errorFraction()
                + "%, latch_fraction " + knobs.latchFraction() + "%, delay_buckets " + knobs.delayBuckets() + " ms, max_rate "
                + (knobs.maxRate() > 0 ? knobs.maxRate() + " rps" : "none") + ", mesh "
                + ctx.mesh().map(a -> a.getHostString() + ":" + a.getPort()).orElse("none") + ")");
        return server;
    }
}
