package dev.sluice.server.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logback's configuration when nothing else configures it (no logback.xml, no call to
 * {@link Logging#configure}): text at INFO on stderr, instead of Logback's own fallback (DEBUG on
 * stdout, which would mix library chatter into command output). Found through
 * {@code META-INF/services}; ranked below Logback's file-based configurator, so a logback.xml wins.
 */
@ConfiguratorRank(ConfiguratorRank.NOMINAL)
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logging.apply(context, Logging.Format.TEXT, Map.of(), null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
