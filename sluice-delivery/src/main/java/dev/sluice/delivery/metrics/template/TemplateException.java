package dev.sluice.delivery.metrics.template;

/**
 * A query template could not be parsed or rendered. The message names the template, the position
 * ({@code line:column}), the action and what went wrong, e.g. {@code template "latency" (test):
 * 1:14: {{ variables.dir }}: map has no entry for key "dir" (known: direction)}.
 */
public class TemplateException extends Exception {

    public TemplateException(String message) {
        super(message);
    }
}
