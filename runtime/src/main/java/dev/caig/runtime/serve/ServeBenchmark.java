package dev.caig.runtime.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for {@code bench/serve-bench.sh}: sends generate requests to a running server at several
 * concurrency levels and writes latency percentiles, throughput and the server's CPU time per request as JSON.
 * Not a test. Usage: {@code ServeBenchmark URL IMAGE TITLE CANDIDATES OUT [SERVER_PID]}.
 */
public final class ServeBenchmark {
    private static final int[] CONCURRENCY = {1, 4, 16};
    private static final int WARMUP = 24;

    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ServeBenchmark URL IMAGE TITLE CANDIDATES OUT [SERVER_PID]");
            System.exit(2);
        }
        String url = args[0];
        byte[] image = Files.readAllBytes(Path.of(args[1]));
        String title = args[2];
        int candidates = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        Long pid = args.length > 5 ? Long.parseLong(args[5]) : null;
        int requestsPerLevel = Integer.getInteger("bench.requests", 48);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String b64 = Base64.getEncoder().encodeToString(image);
        run(http, url, b64, title, candidates, WARMUP, 1, 1_000_000);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("url", url);
        result.put("candidates", candidates);
        result.put("imageBytes", image.length);
        result.put("clientCores", Runtime.getRuntime().availableProcessors());
        result.put("loadAverageBefore", loadAverage());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (int c : CONCURRENCY) {
            int n = Math.max(requestsPerLevel, 4 * c);
            double cpuBefore = pid == null ? 0 : cpuSeconds(pid);
            long start = System.nanoTime();
            double[] ms = run(http, url, b64, title, candidates, n, c, 1000L * c);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = pid == null ? Double.NaN : cpuSeconds(pid) - cpuBefore;
            Arrays.sort(ms);
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("concurrency", c);
            level.put("requests", n);
            level.put("p50Ms", round(percentile(ms, 0.50)));
            level.put("p95Ms", round(percentile(ms, 0.95)));
            level.put("p99Ms", round(percentile(ms, 0.99)));
            level.put("meanMs", round(Arrays.stream(ms).average().orElse(0)));
            level.put("throughputPerSecond", round(n / seconds));
            level.put("imagesPerSecond", round(n * candidates / seconds));
            if (pid != null) {
                level.put("serverCpuMsPerRequest", round(1000 * cpu / n));
            }
            levels.add(level);
            System.out.println(level);
        }
        result.put("levels", levels);
        if (pid != null) {
            result.put("serverRssMb", round(statusKb(pid, "VmRSS") / 1024.0));
            result.put("serverPeakRssMb", round(statusKb(pid, "VmHWM") / 1024.0));
        }
        result.put("loadAverageAfter", loadAverage());
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("wrote " + out);
    }

    /** Sends {@code n} requests, {@code concurrency} at a time, seeds from {@code seedBase}; returns latencies in ms. */
    static double[] run(HttpClient http, String url, String image, String title, int candidates, int n, int concurrency,
                        long seedBase) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        double[] ms = new double[n];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            byte[] body = json.writeValueAsBytes(Map.of("image", image, "title", title, "candidates", candidates,
                    "seed", seedBase + i));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/generate")).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int index = i;
            long start = System.nanoTime();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                ms[index] = (System.nanoTime() - start) / 1e6;
                if (e != null || r.statusCode() != 200) {
                    failures.incrementAndGet();
                    System.err.println("request failed: " + (e != null ? e : r.statusCode() + " " + new String(r.body())));
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + n + " requests failed");
        }
        return ms;
    }

    static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** User + system CPU seconds of a process, from /proc (clock ticks of 1/100 s on Linux). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** A memory figure of a process from /proc/PID/status, in kB (VmRSS: resident now, VmHWM: peak resident). */
    static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        return -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
