package dev.sluice.local.mesh.route;

/** A Service in a built table: its ports and, when it has one, its mesh policy. */
final class ServiceEntry {

    final ServiceRef ref;
    final PortEntry[] ports;
    /** Routes in precedence order, or null when the Service has no policy. */
    Route[] policy;
    boolean fallbackToService;

    ServiceEntry(ServiceInput in) {
        this.ref = in.ref();
        this.ports = in.ports().stream().map(PortEntry::new).toArray(PortEntry[]::new);
    }

    /** The port a client addressed by number, or null. */
    PortEntry port(int number) {
        for (PortEntry p : ports) {
            if (p.number == number) {
                return p;
            }
        }
        return null;
    }

    /**
     * The port for a request that named no port: the only one, else 80, else the first; null when
     * the Service has no ports.
     */
    PortEntry defaultPort() {
        if (ports.length == 0) {
            return null;
        }
        PortEntry p80 = port(80);
        return ports.length > 1 && p80 != null ? p80 : ports[0];
    }

    /** The port a backend of a split uses: the same number, else the same name, else the default. */
    PortEntry likePort(PortEntry apex) {
        if (apex != null) {
            PortEntry same = port(apex.number);
            if (same != null) {
                return same;
            }
            for (PortEntry p : ports) {
                if (!p.name.isEmpty() && p.name.equals(apex.name)) {
                    return p;
                }
            }
        }
        return defaultPort();
    }

    /** One match of a rule together with what the rule does. */
    record Route(CompiledMatch match, RuleAction action) {
    }
}
