package dev.sluice.helm.chart;

/** A chart that cannot be read, packaged or rendered; the message says which file or value and why. */
public final class ChartException extends Exception {

    public ChartException(String message) {
        super(message);
    }

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
