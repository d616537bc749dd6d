package dev.caig.operator.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;

/** Counts, through JOSDK's metrics hook, the events the controllers receive and the reconciles they run. */
public final class ReconcileCounter implements Metrics {
    private final Map<String, LongAdder> executions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();

    @Override
    public void eventReceived(Event event, Map<String, Object> metadata) {
        String what = event instanceof ResourceEvent r ? "primary " + r.getAction() : event.getClass().getSimpleName();
        events.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        executions.computeIfAbsent(execution.controllerName() + " " + execution.name(), k -> new LongAdder()).increment();
        return execution.execute();
    }

    /** Executions (reconcile, cleanup) by controller. */
    public Map<String, Long> executions() {
        return snapshot(executions);
    }

    /** Events received, primary-resource events by action, the others (secondary resources, timers) by type. */
    public Map<String, Long> events() {
        return snapshot(events);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
