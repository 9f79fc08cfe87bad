package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    private static final ObjectKey KEY = ObjectKey.of("apps", "Deployment", "apps", "web");

    private static ClusterException map(String verb, int code, String reason, String detailsKind) {
        StatusBuilder s = new StatusBuilder().withCode(code).withReason(reason).withMessage("server says no");
        if (detailsKind != null) {
            s.withNewDetails().withKind(detailsKind).endDetails();
        }
        Status status = s.build();
        return Errors.map(verb, KEY, new KubernetesClientException(status));
    }

    @ParameterizedTest
    @CsvSource({
            "get, 404, NotFound, , NOT_FOUND",
            "create, 404, NotFound, namespaces, FORBIDDEN",
            "create, 409, AlreadyExists, , ALREADY_EXISTS",
            "create, 409, Conflict, , ALREADY_EXISTS",
            "update, 409, Conflict, , CONFLICT",
            "watch, 410, Expired, , EXPIRED",
            "apply, 422, Invalid, , INVALID",
            "apply, 400, BadRequest, , INVALID",
            "apply, 403, Forbidden, , FORBIDDEN",
            "apply, 401, Unauthorized, , FORBIDDEN",
            "apply, 429, TooManyRequests, , UNAVAILABLE",
            "apply, 500, InternalError, , UNAVAILABLE",
            "apply, 415, UnsupportedMediaType, , UNAVAILABLE",
    })
    void mapsStatusCodes(String verb, int code, String reason, String detailsKind, Reason expected) {
        ClusterException e = map(verb, code, reason, detailsKind);
        assertThat(e.reason()).isEqualTo(expected);
        assertThat(e.key()).isEqualTo(KEY);
        assertThat(e.getMessage()).startsWith(verb + " Deployment/apps/web").contains("server says no");
    }

    @Test
    void unreachableServerSaysSo() {
        ClusterException e = Errors.map("list Deployment", null,
                new KubernetesClientException("Operation: [list]  failed", new java.net.ConnectException("Connection refused")));
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("cannot be reached").contains("Connection refused");
    }

    @Test
    void apiServerFieldPathsBecomeFieldPaths() {
        assertThat(Errors.fieldPath("spec.template.spec.containers[0].image").toString())
                .isEqualTo("spec.template.spec.containers[0].image");
        assertThat(Errors.fieldPath("metadata.labels").toString()).isEqualTo("metadata.labels");
    }
}
