package dev.sluice.local.runtime.exec;

/**
 * A container cannot be configured yet (the kubelet's {@code CreateContainerConfigError}), e.g. a
 * ConfigMap it reads does not exist. Retried until the input appears.
 */
public class ConfigError extends Exception {

    public ConfigError(String message) {
        super(message);
    }
}
