package dev.sluice.delivery.loadtester;

import java.util.concurrent.ConcurrentHashMap;

/** Manual gates held in memory, as Flagger's load tester keeps them: closed until opened. Thread-safe. */
final class GateStore {

    private final ConcurrentHashMap<String, Boolean> gates = new ConcurrentHashMap<>();

    void open(String key) {
        gates.put(key, true);
    }

    void close(String key) {
        gates.put(key, false);
    }

    boolean isOpen(String key) {
        return gates.getOrDefault(key, false);
    }
}
