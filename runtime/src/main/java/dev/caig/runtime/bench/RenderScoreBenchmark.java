package dev.caig.runtime.bench;

import dev.caig.runtime.market.ProductFactory;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.text.DescriptionGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the frozen renderer (ads per second at a size, one thread and all cores) and of reward-model scoring
 * (images per second through {@link RewardModel#scores}, which resizes each ad to the model's input and scores in
 * batches). Not a test: run by {@code bench/throughput-bench.sh}.
 */
@Command(name = "RenderScoreBenchmark", mixinStandardHelpOptions = true,
        description = "Renderer and reward-model throughput in images per second.")
public final class RenderScoreBenchmark implements Callable<Integer> {
    @Option(names = "--reward", required = true, paramLabel = "URI", description = "A trained reward model (artifact URI).")
    String reward;

    @Option(names = "--size", defaultValue = "256", paramLabel = "PX", description = "Ad size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--images", defaultValue = "96", paramLabel = "N", description = "Images per measurement (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Measurements; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Result (JSON).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RenderScoreBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ProductFactory factory = new ProductFactory(11);
        List<BufferedImage> products = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            products.add(factory.create(i).image());
        }
        DescriptionGenerator generator = new DescriptionGenerator(5);
        List<String> descriptions = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            descriptions.add(generator.next());
        }
        AdRenderer renderer = new AdRenderer();
        int cores = Runtime.getRuntime().availableProcessors();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("loadAverageBefore", Files.readString(Path.of("/proc/loadavg")).strip());
        result.put("cores", cores);
        result.put("size", size);
        result.put("images", images);
        result.put("repeats", repeats);
        for (int i = 0; i < 4; i++) { // warm-up: the JIT (one pass is not enough) and the per-product layout cache
            render(renderer, products, descriptions, cores);
        }
        result.put("renderer", Map.of(
                "threads1", rate(() -> render(renderer, products, descriptions, 1)),
                "threads" + cores, rate(() -> render(renderer, products, descriptions, cores))));

        List<BufferedImage> ads = render(renderer, products, descriptions, cores);
        Path modelDir = Files.createTempDirectory("caig-bench-reward");
        try (ArtifactStore store = ArtifactStores.open()) {
            store.fetch(ArtifactUri.parse(reward), modelDir);
        }
        try (RewardModel model = RewardModel.load(modelDir)) {
            for (int i = 0; i < 3; i++) { // warm-up
                model.scores(ads);
            }
            Map<String, Object> scoring = new LinkedHashMap<>();
            scoring.put("model", reward);
            scoring.put("modelInputSize", model.imageSize());
            scoring.put("pytorchThreads", Integer.getInteger("ai.djl.pytorch.num_threads", -1));
            scoring.putAll(rate(() -> {
                model.scores(ads);
                return ads;
            }));
            result.put("rewardScoring", scoring);
        } finally {
            try (var files = Files.walk(modelDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        result.put("loadAverageAfter", Files.readString(Path.of("/proc/loadavg")).strip());
        BenchFiles.writeJson(out, result);
        System.out.println(result);
        return 0;
    }

    private interface Work {
        List<BufferedImage> run() throws Exception;
    }

    /** Median over the repeats of images per second (wall) and of CPU milliseconds per image (all threads). */
    private Map<String, Object> rate(Work work) throws Exception {
        List<Double> perSecond = new ArrayList<>();
        List<Double> cpuMsPerImage = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            int n = work.run().size();
            double seconds = (System.nanoTime() - start) / 1e9;
            perSecond.add(n / seconds);
            cpuMsPerImage.add((processCpuNanos() - cpu) / 1e6 / n);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imagesPerSecond", Math.round(median(perSecond) * 10) / 10.0);
        out.put("cpuMsPerImage", Math.round(median(cpuMsPerImage) * 100) / 100.0);
        return out;
    }

    private List<BufferedImage> render(AdRenderer renderer, List<BufferedImage> products, List<String> descriptions,
                                       int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BufferedImage>> futures = new ArrayList<>();
            for (int i = 0; i < descriptions.size(); i++) {
                BufferedImage product = products.get(i % products.size());
                String description = descriptions.get(i);
                futures.add(pool.submit(() -> renderer.render(product, description, BackgroundRenderer.DEFAULT_SEED, size)));
            }
            List<BufferedImage> ads = new ArrayList<>();
            for (Future<BufferedImage> f : futures) {
                ads.add(f.get());
            }
            return ads;
        } finally {
            pool.shutdown();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
