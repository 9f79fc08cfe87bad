package dev.sluice.cli;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.Inventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice tree ks NAME}: what a Kustomization applied, nested Kustomizations expanded, as flux prints it. */
@Command(name = "tree", description = "Show what a Kustomization applied, as a tree (ks NAME).")
final class TreeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ks")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Mixin
    ClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!kind.equals("ks") && !kind.equals("kustomization")) {
            throw new UserException("expected 'ks NAME', got '" + kind + " " + name + "'");
        }
        try (CliCluster c = cluster.connect()) {
            return show(c);
        }
    }

    private int show(Cluster c) {
        ObjectKey root = new ObjectKey(Targets.KUSTOMIZATION.kind, cluster.namespaceOr("flux-system"), name);
        KubeObject ks = c.get(root).orElseThrow(() -> new UserException("Kustomization '" + root.namespace() + "/" + name + "' not found"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(root);
        print(c, ks, "", out, new HashSet<>(Set.of(root)));
        out.flush();
        return 0;
    }

    private void print(Cluster c, KubeObject ks, String indent, PrintWriter out, Set<ObjectKey> seen) {
        List<ObjectKey> children = new ArrayList<>(Inventory.fromStatus(ks.status()).entries().keySet());
        for (int i = 0; i < children.size(); i++) {
            ObjectKey child = children.get(i);
            boolean last = i == children.size() - 1;
            out.println(indent + (last ? "└── " : "├── ") + child);
            if (child.groupKind().equals(Targets.KUSTOMIZATION.kind) && seen.add(child)) {
                c.get(child).ifPresent(k -> print(c, k, indent + (last ? "    " : "│   "), out, seen));
            }
        }
    }
}
