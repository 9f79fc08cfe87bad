package dev.sluice.local.apps;

import java.io.IOException;

/** A demo app served in-process in place of a container image. Implementations are thread-safe factories. */
@FunctionalInterface
public interface BuiltinApp {

    /**
     * Starts one replica listening on {@code 127.0.0.1:ctx.port()}; returns once it listens.
     *
     * @throws AppStartException when its configuration is wrong (the message names the variable and value)
     * @throws IOException       when it cannot listen
     */
    RunningApp start(AppContext ctx) throws IOException;
}
