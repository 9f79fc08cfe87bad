package dev.sluice.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifierFactory;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import dev.sluice.delivery.webhook.http.HttpWebhookClient;
import dev.sluice.delivery.webhook.http.WebhookSettings;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.dashboard.Dashboard;
import dev.sluice.server.dashboard.DashboardSources;
import dev.sluice.server.observe.TickStore;
import dev.sluice.testkit.ManualClock;
import dev.sluice.testkit.git.GitHttpServer;
import dev.sluice.testkit.git.TestRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants known secret values where users keep them (a Secret behind a GitRepository with a wrong
 * password, a password in a Git URL, Secret credentials and an Authorization header of a metric
 * provider, a password in a webhook URL, a notifier token, Kustomization substitution variables from
 * a Secret), drives the controllers and clients into failing with them, then scans every output it
 * can reach for the planted values: captured logs, stored events, every object's status, the HTTP
 * API and dashboard JSON (timeline included) as a local reader without the token sees them, and the
 * payloads the notifier posted. Secret objects themselves are the only place the values may be.
 */
class SecretLeakIT {

    private static final String GIT_PASSWORD = "planted-git-password-41e7";
    private static final String URL_PASSWORD = "planted-url-password-9c2d";
    private static final String PROM_TOKEN = "planted-prometheus-token-77aa";
    private static final String HEADER_TOKEN = "planted-header-token-5b31";
    private static final String HOOK_PASSWORD = "planted-hook-password-d402";
    private static final String NOTIFY_TOKEN = "planted-notifier-token-0f19";
    private static final String SUBST_VALUE = "planted-substituted-db-password-3e88";
    private static final List<String> PLANTED = List.of(GIT_PASSWORD, URL_PASSWORD, PROM_TOKEN, HEADER_TOKEN, HOOK_PASSWORD,
            NOTIFY_TOKEN, SUBST_VALUE);
    private static final String NS = "apps";
    private static final GroupKind SECRET = GroupKind.of("", "Secret");

    @TempDir
    Path tmp;

    @Test
    void plantedSecretsAppearInNoOutput() throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        List<String> posted = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs();
             EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(5));
             GitHttpServer privateGit = GitHttpServer.start();
             GitHttpServer openGit = GitHttpServer.start();
             Echo echo = new Echo(posted);
             HttpClients clients = HttpClients.defaults();
             TestRepo repo = TestRepo.init(tmp.resolve("origin"), "main")) {
            cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: " + NS + "}}"));
            GitOps gitops = new GitOps(cluster, clock, tmp.resolve("state"));
            Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), clock, new SplittableRandom(1), SchedulerListener.NONE);
            Controller sources = scheduler.register(gitops.sources);
            Controller kustomizations = scheduler.register(gitops.kustomizations);

            repo.write("app/kustomization.yaml", "resources: [db.yaml, cm.yaml]\n")
                    .write("app/db.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: ${db_password}\n")
                    .write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  mode: ${mode}\n")
                    .write("strict/kustomization.yaml", "resources: [cm.yaml]\n")
                    .write("strict/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict}\n"
                            + "data:\n  a: ${db_password}\n  b: ${missing_variable:?is required}\n")
                    .commit("apps");
            privateGit.serve("fleet.git", repo.repository()).requireBasicAuth("flux", "the-real-password");
            openGit.serve("fleet.git", repo.repository());

            secret(cluster, "git-auth", Map.of("username", "flux", "password", GIT_PASSWORD));
            secret(cluster, "cluster-secrets", Map.of("db_password", SUBST_VALUE, "mode", "production"));
            secret(cluster, "prom-creds", Map.of("token", PROM_TOKEN));
            secret(cluster, "notifier", Map.of("address", echo.url() + "/alerts", "token", NOTIFY_TOKEN));

            ObjectKey privateRepo = cluster.create(KubeObject.parse(gitRepository("private", privateGit.url("fleet.git"),
                    "  secretRef: {name: git-auth}\n"))).key();
            ObjectKey inlineRepo = cluster.create(KubeObject.parse(gitRepository("inline",
                    privateGit.url("fleet.git").replace("http://", "http://flux:" + URL_PASSWORD + "@"), ""))).key();
            ObjectKey openRepo = cluster.create(KubeObject.parse(gitRepository("open", openGit.url("fleet.git"), ""))).key();
            for (ObjectKey k : List.of(privateRepo, inlineRepo, openRepo)) {
                sources.enqueue(k);
            }
            scheduler.runUntilIdle(20);
            assertThat(ready(cluster, privateRepo)).isEqualTo("False");
            assertThat(ready(cluster, inlineRepo)).isEqualTo("False");
            assertThat(ready(cluster, openRepo)).isEqualTo("True");

            String subst = "  postBuild:\n    substituteFrom:\n    - {kind: Secret, name: cluster-secrets}\n";
            ObjectKey app = cluster.create(KubeObject.parse(kustomization("app", "./app", "open", subst))).key();
            ObjectKey strict = cluster.create(KubeObject.parse(kustomization("strict", "./strict", "open", subst))).key();
            ObjectKey fromPrivate = cluster.create(KubeObject.parse(kustomization("from-private", "./app", "private", subst))).key();
            for (ObjectKey k : List.of(app, strict, fromPrivate)) {
                kustomizations.enqueue(k);
            }
            scheduler.runUntilIdle(20);
            assertThat(ready(cluster, app)).isEqualTo("True");
            assertThat(ready(cluster, strict)).isEqualTo("False");
            assertThat(cluster.get(new ObjectKey(SECRET, NS, "db")).orElseThrow().toNode().path("stringData").path("password")
                    .asText()).as("substitution did happen").isEqualTo(SUBST_VALUE);

            // The canary side: a metric provider and webhooks failing with their credentials, reported as Flagger does.
            cluster.create(KubeObject.parse(metricTemplate("latency", echo.url() + "/unauthorized", "    secretRef: {name: prom-creds}\n")));
            cluster.create(KubeObject.parse(metricTemplate("echoing", echo.url() + "/echo", "    secretRef: {name: prom-creds}\n")));
            cluster.create(KubeObject.parse(metricTemplate("headers", echo.url() + "/echo",
                    "    headers: {Authorization: ['Bearer " + HEADER_TOKEN + "']}\n")));
            cluster.create(KubeObject.parse(metricTemplate("in-url", "http://prom:" + URL_PASSWORD + "@127.0.0.1:1/", "")));
            KubeObject canaryObject = cluster.create(KubeObject.parse(canary(echo.url())));
            Canary canary = new CanaryKindModel().parse(canaryObject).value();
            MetricMeasurer measurer = new MetricMeasurer(cluster, new MetricProviderFactory(clients, clock, Duration.ofSeconds(5)),
                    address -> { throw new MetricException("no metrics server in this test"); }, false);
            List<String> warnings = new ArrayList<>();
            for (MetricSpec m : canary.spec().analysis().orElseThrow().metrics()) {
                try {
                    measurer.template(canary, m);
                } catch (MetricException e) {
                    warnings.add("Metric query failed for " + m.name() + ": " + e.getMessage());
                }
            }
            HttpWebhookClient hooks = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS, d -> { });
            for (WebhookSpec hook : canary.spec().analysis().orElseThrow().webhooks()) {
                WebhookResult r = hooks.call(hook, new WebhookPayload(canary.name(), canary.namespace(), "Progressing", "x",
                        hook.metadata()));
                if (r instanceof WebhookResult.Failed f) {
                    warnings.add("Halt advancement " + canary.name() + "." + canary.namespace() + " " + f.message());
                }
            }
            assertThat(warnings).hasSizeGreaterThanOrEqualTo(5);
            Notifier notifier = new NotifierFactory(clients).forProvider(
                    new dev.sluice.api.flagger.AlertProvider("on-call", NS, "webhook", "", "", "", "", java.util.Optional.of("notifier")),
                    dev.sluice.delivery.net.SecretData.read(cluster, NS, "notifier").orElseThrow());
            for (String w : warnings) {
                cluster.recordEvent(new EventRecord(canaryObject.key(), EventRecord.WARNING, "Synced", w, "flagger", Map.of(), 1,
                        clock.instant(), clock.instant()));
                notifier.post(new Notification(canary.name(), canary.namespace(), w, List.of(), AlertSeverity.ERROR));
            }
            assertThat(echo.authorizations()).as("the notifier did authenticate").contains("Bearer " + NOTIFY_TOKEN);
            try {
                new NotifierFactory(clients).forProvider(new dev.sluice.api.flagger.AlertProvider("broken", NS, "webhook", "", "",
                        echo.url() + "/fail", "", java.util.Optional.of("notifier")), Map.of("token", NOTIFY_TOKEN))
                        .post(new Notification(canary.name(), NS, "test", List.of(), AlertSeverity.INFO));
            } catch (NotifyException e) {
                org.slf4j.LoggerFactory.getLogger(SecretLeakIT.class).warn("alert failed: {}", e.getMessage(), e);
            }

            // What a local process without the token can read.
            StringBuilder api = new StringBuilder();
            try (ApiServer server = ApiServer.start(new java.net.InetSocketAddress("127.0.0.1", 0), cluster, ResourceTypes.builtIn(), TokenAuth.of("t"))) {
                TickStore ticks = new TickStore();
                Dashboard dashboard = Dashboard.mount(server, cluster, DashboardSources.of(TokenAuth.of("t"), clock, ticks));
                HttpClient http = HttpClient.newHttpClient();
                List<String> paths = new ArrayList<>(List.of("/api/v1/events", "/api/sluice/v1/overview", "/api/sluice/v1/sources",
                        "/api/sluice/v1/kustomizations", "/api/sluice/v1/canaries", "/api/sluice/v1/events",
                        "/api/sluice/v1/canaries/" + NS + "/podinfo", "/api/sluice/v1/timeline/" + NS + "/podinfo",
                        "/api/v1/namespaces/" + NS + "/secrets", "/api/v1/secrets"));
                for (ResourceType t : ResourceTypes.builtIn().all()) {
                    if (!t.groupKind().equals(SECRET)) {
                        paths.add(dev.sluice.server.api.ApiPath.of(t, "", "", ""));
                    }
                }
                for (String p : paths) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + p)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    api.append(p).append(' ').append(r.statusCode()).append(' ').append(statusesOnly(p, r.body())).append('\n');
                }
                dashboard.close();
            }
            assertThat(api).contains("/api/sluice/v1/timeline/" + NS + "/podinfo 200");

            StringBuilder statuses = new StringBuilder();
            for (ResourceType t : ResourceTypes.builtIn().all()) {
                for (KubeObject o : cluster.list(t.groupKind(), "", LabelSelector.everything())) {
                    statuses.append(o.key()).append(' ').append(o.status()).append('\n');
                    if (!t.groupKind().equals(SECRET)) {
                        statuses.append(o.toNode().path("metadata").path("annotations")).append('\n');
                    }
                }
            }
            StringBuilder events = new StringBuilder();
            cluster.events(null).forEach(e -> events.append(e).append('\n'));

            assertThat(logs.count()).as("the failures were logged").isPositive();
            assertThat(events.toString()).containsIgnoringCase("authentication").contains("Metric query failed");
            Map<String, String> outputs = Map.of("logs", logs.text(), "events", events.toString(), "statuses", statuses.toString(),
                    "HTTP API and dashboard", api.toString(), "notifier payloads", String.join("\n", posted));
            outputs.forEach((where, text) -> {
                for (String secret : PLANTED) {
                    assertThat(text).as(secret + " in " + where).doesNotContain(secret)
                            .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes()));
                }
            });
            scheduler.close();
        }
    }

    /** Spec fields hold what users wrote (a password in a URL is their own choice); scan the rest. */
    private static String statusesOnly(String path, String body) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(body);
        } catch (Exception e) {
            return body;
        }
        if (n != null && n.has("items") && path.startsWith("/api") && !path.startsWith("/api/sluice") && !path.equals("/api/v1/events")) {
            StringBuilder b = new StringBuilder();
            n.path("items").forEach(i -> b.append(i.path("metadata").path("name")).append(i.path("status")).append('\n'));
            return b.toString();
        }
        return body;
    }

    private static String ready(EmbeddedCluster cluster, ObjectKey key) {
        return dev.sluice.api.Conditions.find(cluster.get(key).orElseThrow().status(), "Ready").map(c -> c.status()).orElse("none");
    }

    private static void secret(EmbeddedCluster cluster, String name, Map<String, String> data) {
        var n = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        n.putObject("metadata").put("name", name).put("namespace", NS);
        var d = n.putObject("data");
        data.forEach((k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.getBytes())));
        cluster.create(KubeObject.of(n));
    }

    private static String gitRepository(String name, String url, String extra) {
        return "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n  url: '" + url + "'\n  interval: 5m\n  ref: {branch: main}\n" + extra;
    }

    private static String kustomization(String name, String path, String source, String extra) {
        return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n  interval: 10m\n  prune: true\n  targetNamespace: " + NS + "\n  path: '" + path + "'\n"
                + "  sourceRef: {kind: GitRepository, name: " + source + "}\n" + extra;
    }

    /** @param provider more provider fields, indented by four spaces */
    private static String metricTemplate(String name, String address, String provider) {
        return "apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nmetadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n  provider:\n    type: prometheus\n    address: '" + address + "'\n" + provider
                + "  query: 'sum(rate(x{namespace=\"{{ namespace }}\"}[{{ interval }}]))'\n";
    }

    private static String canary(String echo) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: %s}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 9898}
                  analysis:
                    interval: 1m
                    threshold: 5
                    stepWeight: 10
                    metrics:
                    - {name: latency, interval: 1m, templateRef: {name: latency}, thresholdRange: {max: 500}}
                    - {name: echoing, interval: 1m, templateRef: {name: echoing}, thresholdRange: {max: 500}}
                    - {name: headers, interval: 1m, templateRef: {name: headers}, thresholdRange: {max: 500}}
                    - {name: in-url, interval: 1m, templateRef: {name: in-url}, thresholdRange: {max: 500}}
                    webhooks:
                    - {name: gate, type: confirm-rollout, url: 'http://hook:%s@127.0.0.1:1/gate', timeout: 5s}
                    - {name: load-test, type: rollout, url: '%s', timeout: 5s, metadata: {Authorization: 'Bearer %s'}}
                """.formatted(NS, HOOK_PASSWORD, echo + "/echo", HOOK_PASSWORD);
    }
}
