import dev.sluice.local.mesh.MeshProxy;
import dev.sluice.local.mesh.MeshProxyConfig;
import dev.sluice.local.mesh.route.BackendInput;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.RouteInputs;
import dev.sluice.local.mesh.route.RouteTable;
import dev.sluice.local.mesh.route.RuleInput;
import dev.sluice.local.mesh.route.ServiceInput;
import dev.sluice.local.mesh.route.ServicePolicyInput;
import dev.sluice.local.mesh.route.ServiceRef;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the mesh proxy for bench/mesh/run.sh: Service {@code backend.bench} split between
 * {@code backend-primary} and {@code backend-canary} (both the nginx backend, so every request
 * goes through the weighted split and the golden metrics). Args: proxyPort backendPort ioThreads
 * swapEveryMs (0 = fixed 90/10 split; otherwise the weights flip between 100/0, 0/100 and 50/50)
 * [canaryBackendPort] (default: the same backend; bench/mesh/swap.sh gives a second one so that
 * every swap really moves traffic between two servers). Prints the number of swaps when stopped.
 */
public class MeshBench {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int backend = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long swapMs = Long.parseLong(args[3]);
        int canaryBackend = args.length > 4 ? Integer.parseInt(args[4]) : backend;
        ServiceRef apex = new ServiceRef("bench", "backend");
        ServiceRef primary = new ServiceRef("bench", "backend-primary");
        ServiceRef canary = new ServiceRef("bench", "backend-canary");
        List<ServiceInput> services = List.of(
                svc(apex, backend, "backend-primary"), svc(primary, backend, "backend-primary"), svc(canary, canaryBackend, "backend"));
        MeshProxy proxy = MeshProxy.start(MeshProxyConfig.defaults().withPorts(port, 0).withIoThreads(threads));
        proxy.updateRoutes(table(services, apex, primary, canary, 90, 10));
        System.out.println("ready port=" + proxy.port() + " admin=" + proxy.adminPort() + " transport=" + proxy.transport());
        if (swapMs > 0) {
            long[][] weights = {{100, 0}, {0, 100}, {50, 50}};
            java.util.concurrent.atomic.AtomicLong swaps = new java.util.concurrent.atomic.AtomicLong();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("swaps=" + swaps.get())));
            for (int i = 0; ; i++, swaps.incrementAndGet()) {
                Thread.sleep(swapMs); // the benchmark's own pacing, not a test
                long[] w = weights[i % weights.length];
                proxy.updateRoutes(table(services, apex, primary, canary, w[0], w[1]));
            }
        }
        new CountDownLatch(1).await();
    }

    static ServiceInput svc(ServiceRef ref, int port, String deployment) {
        return new ServiceInput(ref, List.of(new ServiceInput.Port("http", 80,
                List.of(new Endpoint("127.0.0.1", port, "bench", deployment, deployment + "-0")))));
    }

    static RouteTable table(List<ServiceInput> services, ServiceRef apex, ServiceRef p, ServiceRef c, long wp, long wc) {
        return RouteTable.build(RouteInputs.of(services, List.of(new ServicePolicyInput(apex,
                List.of(RuleInput.weighted("bench", BackendInput.of(p, wp), BackendInput.of(c, wc))), true, "bench")), List.of()));
    }
}
