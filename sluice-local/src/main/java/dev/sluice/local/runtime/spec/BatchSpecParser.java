package dev.sluice.local.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import java.util.List;

/** Reads a bare Pod or a batch/v1 Job. Stateless and thread-safe. */
public final class BatchSpecParser {

    private BatchSpecParser() {
    }

    /**
     * A Pod as the template of its one run ({@code restartPolicy} defaults to Always, as the API does).
     *
     * @throws InvalidInputException listing every problem with its field path, value and expectation
     */
    public static PodTemplate pod(KubeObject pod) {
        FieldReader r = new FieldReader();
        ObjectNode t = Json.object();
        ObjectNode meta = t.putObject("metadata");
        for (String field : List.of("labels", "annotations")) {
            if (pod.metadata().path(field).isObject()) {
                meta.set(field, pod.metadata().path(field).deepCopy());
            }
        }
        t.set("spec", pod.spec().isObject() ? pod.spec().deepCopy() : Json.object());
        PodTemplate template = WorkloadSpecParser.template(t, FieldPath.root(), r, RestartPolicy.ALWAYS, List.of(RestartPolicy.values()));
        if (!r.problems().isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return template;
    }

    /**
     * A Job: its template must say {@code restartPolicy: Never} or {@code OnFailure}, as the API requires.
     *
     * @throws InvalidInputException listing every problem with its field path, value and expectation
     */
    public static JobSpec job(KubeObject job) {
        FieldReader r = new FieldReader();
        JsonNode spec = job.spec();
        FieldPath at = FieldPath.root().child("spec");
        int parallelism = r.integer(spec, "parallelism", at, 1, 0);
        int completions = r.integer(spec, "completions", at, Math.max(1, parallelism), 1);
        int backoffLimit = r.integer(spec, "backoffLimit", at, 6, 0);
        int deadline = r.integer(spec, "activeDeadlineSeconds", at, 0, 1);
        PodTemplate template = WorkloadSpecParser.template(spec.path("template"), at.child("template"), r, RestartPolicy.ALWAYS,
                List.of(RestartPolicy.NEVER, RestartPolicy.ON_FAILURE));
        if (!r.problems().isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return new JobSpec(completions, parallelism, backoffLimit, deadline, template);
    }
}
