package dev.sluice.delivery.routing.gatewayapi;

/**
 * The HTTPRoute versions Sluice writes. v1beta1 is Flagger's older router: no timeouts, no CORS
 * filter, no primary session cookie and no check of the parents' acceptance.
 */
public enum GatewayApiVersion {
    V1("v1"), V1BETA1("v1beta1");

    private final String wire;

    GatewayApiVersion(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public String apiVersion() {
        return "gateway.networking.k8s.io/" + wire;
    }
}
