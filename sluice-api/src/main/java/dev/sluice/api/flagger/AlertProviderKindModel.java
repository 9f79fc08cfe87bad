package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import java.util.Optional;
import java.util.Set;

/** The typed model of {@code flagger.app/v1beta1} AlertProvider. Stateless and thread-safe. */
public final class AlertProviderKindModel implements KindModel<AlertProvider> {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.FLAGGER, "AlertProvider");

    @Override
    public GroupKind groupKind() {
        return KIND;
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return FlaggerKinds.requireV1beta1(object, KIND);
    }

    @Override
    public Parsed<AlertProvider> parse(KubeObject latest) {
        Fields f = new Fields();
        FieldPath at = FieldPath.root().child("spec");
        JsonNode spec = latest.spec();
        f.known(spec, at, Set.of("type", "channel", "username", "address", "proxy", "secretRef"));
        String type = f.requiredString(spec, at, "type");
        if (!type.isEmpty() && !AlertProvider.TYPES.contains(type)) {
            f.error(at.child("type"), "'" + type + "' is not supported; expected one of "
                    + String.join(", ", AlertProvider.TYPES) + " (for other receivers use an event webhook)");
        }
        String address = f.string(spec, at, "address", "");
        JsonNode secret = f.object(spec, at, "secretRef");
        Optional<String> secretRef = secret.isMissingNode() ? Optional.empty()
                : Optional.of(f.requiredString(secret, at.child("secretRef"), "name"));
        if (address.isEmpty() && secretRef.isEmpty()) {
            f.error(at.child("address"), "required unless secretRef names a Secret with an address key");
        } else if (!address.isEmpty()) {
            MetricTemplateKindModel.checkUrl(address, at.child("address"), f);
        }
        String proxy = f.string(spec, at, "proxy", "");
        if (!proxy.isEmpty()) {
            MetricTemplateKindModel.checkUrl(proxy, at.child("proxy"), f);
        }
        if (f.hasErrors()) {
            throw new InvalidInputException(f.diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        String channel = f.string(spec, at, "channel", "");
        String username = f.string(spec, at, "username", "");
        return new Parsed<>(new AlertProvider(latest.name(), latest.namespace(), type,
                channel.isEmpty() ? "general" : channel, username.isEmpty() ? "flagger" : username, address, proxy,
                secretRef), f.diagnostics());
    }
}
