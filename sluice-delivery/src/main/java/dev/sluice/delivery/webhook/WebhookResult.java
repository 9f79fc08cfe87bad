package dev.sluice.delivery.webhook;

/** The answer of one webhook call: passed (HTTP status up to 202) or failed with the reason. */
public sealed interface WebhookResult {

    /** The hook answered with a status up to 202. */
    record Passed(int status) implements WebhookResult {
    }

    /**
     * The hook answered with a status above 202 (the message is the response body, as Flagger
     * reports it), or could not be called (the message is the I/O error, e.g. a timeout).
     */
    record Failed(String message) implements WebhookResult {

        /** Longer messages (a hook's answer) are cut: they end up in events and conditions, once per analysis. */
        public static final int MAX_MESSAGE = 4096;

        public Failed {
            message = message == null ? "" : message;
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + "... (" + (message.length() - MAX_MESSAGE) + " more characters)";
            }
        }
    }

    static WebhookResult passed() {
        return new Passed(200);
    }

    static WebhookResult failed(String message) {
        return new Failed(message);
    }

    default boolean isPassed() {
        return this instanceof Passed;
    }
}
