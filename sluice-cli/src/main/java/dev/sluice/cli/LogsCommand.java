package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sluice logs deploy/NAME [-n NS] [-c CONTAINER] [-f] [--tail N]}: a replica's output in
 * embedded mode, as {@code kubectl logs} prints it (a pod name, {@code deploy/NAME} or
 * {@code ds/NAME}; for a workload, its newest ready replica of the current template), or
 * {@code sluice logs sluice}: the log of the running {@code sluice up} itself.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show the output of a workload's replica in embedded mode (like 'kubectl logs'), or Sluice's own log.",
                "TARGET is a pod name, deploy/NAME, ds/NAME, or 'sluice' for the log of the running 'sluice up'.",
                "On Kubernetes, use 'kubectl logs' (e.g. kubectl logs -n sluice-system deploy/sluice-controller)."})
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiClientOptions api;

    @Parameters(index = "0", paramLabel = "TARGET", description = "A pod name, deploy/NAME, ds/NAME, or sluice.")
    String target;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-c", "--container"}, paramLabel = "NAME", description = "The container (default: the first).")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the replica stops or Ctrl-C.")
    boolean follow;

    @Option(names = "--tail", defaultValue = "-1", paramLabel = "N",
            description = "Only the last N lines (default: every line kept, up to the last 10,000).")
    int tail;

    @Override
    public Integer call() throws InterruptedException {
        StringBuilder path = new StringBuilder("logs/").append(enc(namespace)).append("?target=").append(enc(target))
                .append("&tail=").append(tail);
        if (container != null) {
            path.append("&container=").append(enc(container));
        }
        if (follow) {
            path.append("&follow=true");
        }
        // No overall timeout when following: the answer lasts as long as the replica does.
        var request = api.request(path.toString(), follow ? Duration.ofDays(365) : Duration.ofSeconds(30)).GET().build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw api.unreachable(e);
        }
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                String message = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
                throw new UserException(r.statusCode() == 401 ? message + " (set SLUICE_TOKEN or run 'sluice up' here)" : message);
            }
            PrintWriter out = spec.commandLine().getOut();
            Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
            char[] buf = new char[8192];
            int n;
            while ((n = text.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw new UserException("the log stream from " + api.base() + " broke: " + e.getMessage());
        }
        return 0;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
