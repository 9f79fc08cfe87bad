package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.yaml.YamlWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sluice create source git ...} and {@code sluice create ks ...}: flux's {@code create}. With
 * {@code --export} the object is printed as flux prints it ({@code ---}, then the YAML with sorted
 * keys); without, it is created (or updated) on the server and the command waits for it to be Ready.
 */
@Command(name = "create", description = "Create or update a source or a Kustomization, or print it with --export (like 'flux create').",
        subcommands = {CreateCommand.Source.class, CreateKustomizationCommand.class})
final class CreateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "source", description = "Create a source.", subcommands = {CreateSourceGitCommand.class})
    static final class Source implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** An object with apiVersion, kind and metadata (name, namespace, labels), ready for a spec. */
    static ObjectNode object(String apiVersion, String kind, String name, String namespace, Map<String, String> labels) {
        ObjectNode o = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name).put("namespace", namespace);
        if (!labels.isEmpty()) {
            ObjectNode l = meta.putObject("labels");
            labels.forEach(l::put);
        }
        return o;
    }

    /** flux's export: {@code ---} and the YAML, trimmed, with a final newline. */
    static void export(PrintWriter out, ObjectNode object) {
        out.print("---\n" + YamlWriter.write(object).strip() + "\n");
        out.flush();
    }

    /** Creates the object, or replaces the labels and spec of the existing one, saying which, as flux does. */
    static KubeObject upsert(CliCluster cluster, ObjectNode desired, String what, PrintWriter out, Style style) {
        KubeObject d = KubeObject.of(desired);
        Optional<KubeObject> existing = cluster.get(d.key());
        KubeObject stored;
        if (existing.isEmpty()) {
            stored = cluster.create(d);
            out.println(style.green("✔") + " " + what + " created");
        } else {
            stored = cluster.update(existing.get().edit(n -> {
                n.set("spec", desired.path("spec").deepCopy());
                ObjectNode meta = n.withObjectProperty("metadata");
                if (desired.path("metadata").has("labels")) {
                    meta.set("labels", desired.path("metadata").path("labels").deepCopy());
                } else {
                    meta.remove("labels");
                }
            }));
            out.println(style.green("✔") + " " + what + " updated");
        }
        out.flush();
        return stored;
    }

    /**
     * Waits until the stored object observed its generation and Ready is True or False.
     *
     * @return the object when Ready=True
     * @throws UserException with the Ready message when it failed, or on timeout
     */
    static KubeObject awaitReady(CliCluster cluster, KubeObject stored, Duration timeout) throws InterruptedException {
        Optional<KubeObject> done = Waiter.until(cluster, stored.key(), o -> o.status().path("observedGeneration").asLong() >= o.generation()
                && Conditions.find(o.status(), "Ready").map(c -> !c.status().equals(Condition.UNKNOWN)).orElse(false), timeout);
        if (done.isEmpty()) {
            throw new UserException("timed out waiting for " + stored.key() + " to be ready");
        }
        Condition ready = Conditions.find(done.get().status(), "Ready").orElseThrow();
        if (!ready.isTrue()) {
            throw new UserException(ready.message());
        }
        return done.get();
    }
}
