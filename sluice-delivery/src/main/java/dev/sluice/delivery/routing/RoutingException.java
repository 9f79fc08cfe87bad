package dev.sluice.delivery.routing;

/**
 * A router could not read or change the routing objects: the API call failed, an object is missing,
 * or (Gateway API) a parent has not accepted the route yet. The message is shown to users as a
 * Warning event, so it names the object and the reason.
 */
public class RoutingException extends Exception {

    public RoutingException(String message) {
        super(message);
    }

    public RoutingException(String message, Throwable cause) {
        super(message, cause);
    }
}
