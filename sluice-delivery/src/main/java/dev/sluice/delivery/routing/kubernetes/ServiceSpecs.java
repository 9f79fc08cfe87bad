package dev.sluice.delivery.routing.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryService;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec of a Service Flagger generates (flagger.md section 3): ClusterIP, the selector
 * {@code label: value}, the main TCP port ({@code portName}, {@code port}, {@code targetPort},
 * {@code appProtocol}) then the discovered container ports sorted by name; headless and traffic
 * distribution as the Canary says. A pure function.
 */
final class ServiceSpecs {

    private ServiceSpecs() {
    }

    static ObjectNode spec(Canary canary, String label, String value, Map<String, Integer> discovered) {
        CanaryService svc = canary.spec().service();
        ObjectNode spec = Json.object();
        ArrayNode ports = spec.putArray("ports");
        ObjectNode main = ports.addObject().put("name", svc.portName()).put("protocol", "TCP");
        if (!svc.appProtocol().isEmpty()) {
            main.put("appProtocol", svc.appProtocol());
        }
        main.put("port", svc.port());
        if (svc.targetPort().isNumber()) {
            main.put("targetPort", svc.targetPort().number() == 0 ? svc.port() : svc.targetPort().number());
        } else {
            main.put("targetPort", svc.targetPort().name());
        }
        new TreeMap<>(discovered).forEach((name, port) -> ports.addObject().put("name", name).put("protocol", "TCP")
                .put("port", port).put("targetPort", port));
        spec.putObject("selector").put(label, value);
        if (svc.headless()) {
            spec.put("clusterIP", "None");
        }
        spec.put("type", "ClusterIP");
        if (!svc.trafficDistribution().isEmpty()) {
            spec.put("trafficDistribution", svc.trafficDistribution());
        }
        return spec;
    }

    /** Copies node ports of the existing Service's ports onto the ports of the same name. */
    static void keepNodePorts(ObjectNode spec, JsonNode existingSpec) {
        for (JsonNode old : existingSpec.path("ports")) {
            int nodePort = old.path("nodePort").asInt(0);
            if (nodePort <= 0) {
                continue;
            }
            for (JsonNode p : spec.path("ports")) {
                if (p.path("name").asText().equals(old.path("name").asText())) {
                    ((ObjectNode) p).put("nodePort", nodePort);
                    break;
                }
            }
        }
    }
}
