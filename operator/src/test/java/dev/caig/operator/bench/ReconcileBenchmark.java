package dev.caig.operator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.caig.operator.bench.IndexedCrudDispatcher.Lookup;
import dev.caig.operator.bench.RecordingCrudDispatcher.Sent;
import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.ReconcileCounter;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * Reconcile throughput (not a test): N training jobs against the Fabric8 mock API server (CRUD mode), in two
 * scenarios (live: created while the operator runs; backlog: all exist before it starts). Measures the time until
 * every one has its first stage Job, then until every status says Running, and the JVM heap. Writes
 * target/bench/reconcile.json. Run with operator/bench/run-benchmark.sh. The mock server runs in the same JVM, so
 * heap figures include it; "heapBaselineMiB" is the JVM before the operator starts, and in the backlog scenario it
 * already holds the stored resources; the operator's own heap is what stopping it frees. The operator's API requests
 * are recorded with their bodies (its own client, told apart by User-Agent) and replayed by a plain HTTP client
 * against a fresh mock server, so that the time the mock server itself needs is known.
 */
public final class ReconcileBenchmark {

    private static final String OPERATOR_AGENT = "caig-operator-bench";
    private static final double GOAL_SECONDS = 30;
    private static final long GOAL_HEAP_MIB = 256;

    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path out = Path.of(args.length > 2 ? args[2] : "target/bench/reconcile.json");
        // "live,backlog" (default) or one of them: at 5,000 on a busy machine the live creates alone take minutes
        List<String> scenarios = List.of((args.length > 3 ? args[3] : "live,backlog").split(","));
        // index (default): the mock server finds the object of a write by its key; scan: the stock mock server,
        // which tests every stored object on each write (quadratic in the number of training jobs)
        Lookup lookup = Lookup.valueOf((args.length > 4 ? args[4] : "index").toUpperCase(java.util.Locale.ROOT));
        Map<String, Object> figures = new LinkedHashMap<>();
        // The goals the figures are checked against (issue 15): every first Job within 30 s, operator heap after GC
        // at most 256 MiB. The mock API server shares this JVM and these cores, and the machine may be shared:
        // loadAverage1m* and plainClientReplay (the same requests without the operator) say how much is the operator.
        figures.put("goals", Map.of("secondsUntilAllFirstJobsExist", GOAL_SECONDS, "operatorHeapAfterGcMiB", GOAL_HEAP_MIB));
        figures.put("loadAverage1mAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        figures.put("trainingJobs", count);
        figures.put("reconcileThreads", threads);
        figures.put("cpus", Runtime.getRuntime().availableProcessors());
        figures.put("maxHeapMiB", mib(Runtime.getRuntime().maxMemory()));
        figures.put("java", System.getProperty("java.version"));
        figures.put("mockServerLookup", lookup.name().toLowerCase(java.util.Locale.ROOT));
        // live: resources are created one by one while the operator runs (kubectl apply in a loop)
        if (scenarios.contains("live")) {
            figures.put("live", scenario(count, threads, false, lookup));
        }
        // backlog: all resources exist before the operator starts (a restart or failover with a full queue)
        if (scenarios.contains("backlog")) {
            figures.put("backlog", scenario(count, threads, true, lookup));
        }
        // The machine is shared: the 1-minute load average says how busy it was
        figures.put("loadAverage1mAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        figures.put("measuredAt", Instant.now().toString());
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.toFile(), figures);
        System.out.println(json.writeValueAsString(figures));
        summary(figures).forEach(System.out::println);
        // exit 0 when every scenario made all its first Jobs (the goals are reported above, met or not)
        boolean ok = scenarios.stream().filter(figures::containsKey)
                .allMatch(sc -> Boolean.TRUE.equals(((Map<?, ?>) figures.get(sc)).get("allFirstJobsCreated")));
        System.exit(ok ? 0 : 1);
    }

    private static Map<String, Object> scenario(int count, int threads, boolean backlog, Lookup lookup) throws Exception {
        String ns = "bench";
        RecordingCrudDispatcher dispatcher = new RecordingCrudDispatcher(lookup, OPERATOR_AGENT);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init();
        KubernetesClient client = server.createClient();
        TestOperator.installCrds(client);
        long heapBaseline = usedHeapAfterGc();
        // Jobs are counted as the mock server stores them: a watch of its own would cost this JVM (which the
        // operator shares) a serialisation and a parse of every Job
        AtomicInteger firstJobs = new AtomicInteger();
        CountDownLatch allJobs = new CountDownLatch(count);
        dispatcher.onJobCreated(() -> {
            firstJobs.incrementAndGet();
            allJobs.countDown();
        });
        // Progress is re-read every 60 s only, so periodic reschedules do not count as throughput.
        OperatorSettings settings = new OperatorSettings("example.org/caig-runtime:bench",
                "example.org/caig-runtime:bench-cuda", "http://minio:9000", "us-east-1", Duration.ofSeconds(60),
                Duration.ofDays(1));
        // The operator has a client of its own, told apart by its User-Agent: its requests are counted and replayed.
        KubernetesClient operatorClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build();
        TestOperator operator = null;
        ReconcileCounter counter = new ReconcileCounter();
        Instant createStart = Instant.now();
        if (backlog) {
            createAll(client, ns, count);
        }
        dropRequestLog(server);
        dispatcher.drain();
        Instant start = Instant.now();
        double cpuAtStart = cpuSeconds();
        if (!backlog) {
            operator = TestOperator.startWithMetrics(operatorClient, new InMemoryArtifactStore(), settings, threads, counter);
            start = Instant.now();
            cpuAtStart = cpuSeconds();
            createStart = start;
            createAll(client, ns, count);
        } else {
            operator = TestOperator.startWithMetrics(operatorClient, new InMemoryArtifactStore(), settings, threads, counter);
        }
        Duration createCalls = Duration.between(createStart, Instant.now());
        boolean complete = allJobs.await(10, TimeUnit.MINUTES);
        Duration toFirstJobs = Duration.between(start, Instant.now());
        double cpuToFirstJobs = cpuSeconds() - cpuAtStart;
        long heapPeak = peakHeap();
        Duration toRunning = null;
        while (Duration.between(start, Instant.now()).toMinutes() < 10) {
            long running = client.resources(AdImageTrainingJob.class).inNamespace(ns).list().getItems().stream()
                    .filter(j -> j.getStatus() != null && j.getStatus().getPhase() == TrainingPhase.Running).count();
            if (running == count) {
                toRunning = Duration.between(start, Instant.now());
                break;
            }
            Thread.sleep(200);
        }
        long heapAfter = usedHeapAfterGc();
        operator.close();
        operatorClient.close();
        // what the operator held (informer caches, queues, its client): the heap it leaves behind when stopped, with
        // the mock server still holding every object
        long heapWithoutOperator = usedHeapAfterGc();
        dropRequestLog(server);
        List<Sent> sent = dispatcher.drain();
        boolean indexSound = dispatcher.indexMatchesStore();
        server.destroy();
        Map<String, Object> replay = replay(sent, count, ns, false, lookup);
        Map<String, Object> replayWithWatches = replay(sent, count, ns, true, lookup);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("allFirstJobsCreated", complete);
        // the index held exactly the stored objects at the end (so every lookup saw what a scan would have)
        f.put("mockServerIndexMatchesStore", indexSound);
        f.put("firstJobsSeen", firstJobs.get());
        f.put(backlog ? "createCallsSecondsBeforeStart" : "createCallsSeconds", seconds(createCalls));
        f.put(backlog ? "secondsFromOperatorStartUntilAllFirstJobsExist" : "secondsFromFirstCreateUntilAllFirstJobsExist",
                seconds(toFirstJobs));
        // CPU time of this JVM (operator, mock server, benchmark) until then: less sensitive than wall time to
        // other work on a shared machine, so it compares runs made at different loads
        f.put("processCpuSecondsUntilAllFirstJobsExist", Math.round(cpuToFirstJobs * 10) / 10.0);
        f.put("firstJobsPerSecond", Math.round(firstJobs.get() / (toFirstJobs.toMillis() / 1000.0) * 10) / 10.0);
        f.put("secondsUntilAllStatusRunning", toRunning == null ? null : seconds(toRunning));
        f.put("heapBaselineMiB", mib(heapBaseline));
        f.put("heapPeakMiB", mib(heapPeak));
        f.put("heapAfterGcMiB", mib(heapAfter));
        f.put("operatorHeapAfterGcMiB", mib(heapAfter - heapBaseline));
        // The mock server shares this JVM: its own heap with the same objects stored (the replay's server, measured
        // after the operator's server was gone) is taken off, which leaves the operator (informer caches, queues).
        f.put("mockServerHeapAfterGcMiB", mib(heapWithoutOperator - heapBaseline));
        f.put("operatorHeapAfterGcWithoutMockServerMiB", mib(heapAfter - heapWithoutOperator));
        // JOSDK's own count: how often each controller ran, and the events that made it run
        f.put("controllerExecutions", counter.executions());
        f.put("controllerEventsReceived", counter.events());
        f.put("operatorRequests", sent.size());
        f.put("operatorRequestsPerTrainingJob", Math.round(sent.size() * 100.0 / count) / 100.0);
        f.put("operatorRequestsByVerb", sent.stream().collect(Collectors.groupingBy(r -> r.method()
                + (r.path().contains("watch=true") ? " (watch)" : ""), TreeMap::new, Collectors.counting())));
        Map<String, Long> byKind = sent.stream().collect(Collectors.groupingBy(ReconcileBenchmark::kind, TreeMap::new,
                Collectors.counting()));
        f.put("operatorRequestsByKind", byKind);
        Map<String, Double> perJob = new TreeMap<>();
        byKind.forEach((k, n) -> perJob.put(k, Math.round(n * 100.0 / count) / 100.0));
        f.put("operatorRequestsPerTrainingJobByKind", perJob);
        // the size of what the operator sends (bodies of POST and PATCH), the mean per request of each kind
        f.put("operatorRequestBodyMeanBytesByKind", sent.stream().filter(r -> r.body() != null && !r.body().isEmpty())
                .collect(Collectors.groupingBy(ReconcileBenchmark::kind, TreeMap::new,
                        Collectors.collectingAndThen(Collectors.averagingInt(r -> r.body().length()), Math::round))));
        f.put("goalFirstJobsMet", complete && seconds(toFirstJobs) <= GOAL_SECONDS);
        f.put("goalHeapMet", mib(heapAfter - heapWithoutOperator) <= GOAL_HEAP_MIB);
        f.put("plainClientReplay", replay);
        f.put("plainClientReplayWithTheOperatorsWatches", replayWithWatches);
        resetPeaks();
        return f;
    }

    /** One line per scenario that says what the JSON says, against the goals. */
    @SuppressWarnings("unchecked")
    private static List<String> summary(Map<String, Object> figures) {
        List<String> lines = new ArrayList<>();
        for (String scenario : List.of("live", "backlog")) {
            Map<String, Object> f = (Map<String, Object>) figures.get(scenario);
            if (f == null) {
                continue;
            }
            Map<String, Object> replay = (Map<String, Object>) f.get("plainClientReplay");
            Map<String, Object> watched = (Map<String, Object>) f.get("plainClientReplayWithTheOperatorsWatches");
            Map<String, Object> perKind = new TreeMap<>((Map<String, Object>) f.get("operatorRequestsPerTrainingJobByKind"));
            perKind.values().removeIf(v -> ((Number) v).doubleValue() == 0);
            double seconds = (double) f.getOrDefault("secondsFromOperatorStartUntilAllFirstJobsExist",
                    f.get("secondsFromFirstCreateUntilAllFirstJobsExist"));
            lines.add(String.format("%s: %d of %s first Jobs after %.1f s, %s CPU s (goal %.0f s: %s); operator heap after GC %s MiB "
                    + "without the mock server's %s MiB (goal %d MiB: %s); %s API requests per training job %s; the same %s requests sent by a plain "
                    + "client took %s s (%s CPU s), and %s s with the operator's %s watches open; mock server lookup: %s", scenario, f.get("firstJobsSeen"), figures.get("trainingJobs"), seconds,
                    f.get("processCpuSecondsUntilAllFirstJobsExist"),
                    GOAL_SECONDS, Boolean.TRUE.equals(f.get("goalFirstJobsMet")) ? "met" : "NOT met",
                    f.get("operatorHeapAfterGcWithoutMockServerMiB"), f.get("mockServerHeapAfterGcMiB"), GOAL_HEAP_MIB, Boolean.TRUE.equals(f.get("goalHeapMet")) ? "met" : "NOT met",
                    f.get("operatorRequestsPerTrainingJob"), perKind,
                    replay.get("requests"), replay.get("seconds"), replay.get("processCpuSeconds"), watched.get("seconds"),
                    watched.get("watchesOpen"), figures.get("mockServerLookup")));
        }
        lines.add(String.format("load average (1 min) %.1f at the start, %.1f at the end on %s cores: above ~1 other work "
                + "shared the machine and the timings are inflated", (double) figures.get("loadAverage1mAtStart"),
                (double) figures.get("loadAverage1mAtEnd"), figures.get("cpus")));
        return lines;
    }

    /** What a request was for: the resource it touched and, for training jobs, status or metadata (finalizer). */
    private static String kind(Sent r) {
        String path = r.path().replaceAll("\\?.*", "");
        String what = path.contains("/configmaps") ? "configmap" : path.contains("/jobs") ? "job"
                : path.contains("/events") ? "event" : path.contains("/pods") ? "pod"
                : path.contains("/adimagetrainingjobs") ? (path.endsWith("/status") ? "trainingjob status" : "trainingjob")
                : path.replaceAll(".*/", "");
        return r.method() + " " + what + (r.path().contains("watch=true") ? " (watch)" : "");
    }

    /** One request the operator sent, as the mock server received it. */
        /** The mock server keeps every request it received (bodies read): dropped so that its heap is the store's. */
    private static void dropRequestLog(KubernetesMockServer server) throws InterruptedException {
        while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // dropped
        }
    }

    /**
     * The operator's non-watch requests sent again, in the same order and with the same bodies, by a plain HTTP
     * client (10 at a time, as the operator's 10 reconcile threads) to a fresh mock server holding the same training
     * jobs: how long the mock server alone needs for what the operator asked of it. With {@code watches}, the
     * operator's watch requests are opened first and kept open: the mock
     * server matches every change against each open watch, a cost the operator's run paid and the plain replay does
     * not.
     */
    private static Map<String, Object> replay(List<Sent> sent, int count, String ns, boolean watches, Lookup lookup)
            throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new IndexedCrudDispatcher(lookup), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            TestOperator.installCrds(client);
            createAll(client, ns, count);
            List<Sent> requests = sent.stream().filter(r -> !r.path().contains("watch=true")).toList();
            HttpClient http = client.getHttpClient();
            String base = client.getConfiguration().getMasterUrl().replaceAll("/$", "");
            List<java.net.http.WebSocket> open = watches ? openWatches(sent, base) : List.of();
            Semaphore inFlight = new Semaphore(10);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            Map<String, Integer> answers = new ConcurrentHashMap<>();
            Instant start = Instant.now();
            double cpuAtStart = cpuSeconds();
            for (Sent r : requests) {
                inFlight.acquire();
                HttpRequest.Builder b = http.newHttpRequestBuilder().uri(base + r.path());
                if (r.body() != null && !r.body().isEmpty()) {
                    b.method(r.method(), r.contentType() == null ? "application/json" : r.contentType(), r.body());
                } else {
                    b.method(r.method(), "application/json", r.method().equals("GET") ? null : "");
                }
                pending.add(http.sendAsync(b.build(), String.class).whenComplete((x, e) -> {
                    answers.merge(r.method() + " " + (e != null ? "failed" : String.valueOf(x.code())), 1, Integer::sum);
                    inFlight.release();
                }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            Duration took = Duration.between(start, Instant.now());
            double cpu = cpuSeconds() - cpuAtStart;
            open.forEach(w -> w.abort());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("requests", requests.size());
            if (watches) {
                f.put("watchesOpen", open.size());
            } else {
                f.put("watchRequestsNotReplayed", sent.size() - requests.size());
            }
            f.put("seconds", seconds(took));
            f.put("processCpuSeconds", Math.round(cpu * 10) / 10.0);
            // what the mock server answered: the replay did the operator's work only if these are the operator's
            // answers (201 and 200; an earlier version replayed empty bodies and got 400 and 415 for all of them)
            f.put("answersByMethodAndCode", new TreeMap<>(answers));
            return f;
        } finally {
            server.destroy();
        }
    }

    /** The operator's watch requests, opened as its client does. */
    private static List<java.net.http.WebSocket> openWatches(List<Sent> sent, String base) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<String> paths = sent.stream().map(Sent::path).filter(p -> p.contains("watch=true")).toList();
        java.net.http.WebSocket.Listener drain = new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                ws.request(1);
                return null;
            }
        };
        return paths.stream().map(p -> http.newWebSocketBuilder()
                .buildAsync(java.net.URI.create(base.replaceFirst("^http", "ws") + p), drain).join()).toList();
    }

    private static void createAll(KubernetesClient client, String ns, int count) {
        for (int i = 0; i < count; i++) {
            client.resource(Samples.trainingJob(ns, String.format("bench-%04d", i))).create();
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static long mib(long bytes) {
        return Math.round(bytes / 1048576.0);
    }
}
