package dev.caig.runtime.bench;

import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProductLayout;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.render.diffusion.DiffusionSceneRenderer;
import dev.caig.runtime.render.diffusion.DiffusionSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The diffusion renderer's cost per denoising step, split into the time inside the TorchScript forwards and the
 * time outside them (sampler, guidance, latent blending, noise, tensor moves: {@code overheadMsPerStep}), and
 * images per second, for each sampler and batch size. Medians over repeats, after one warm-up render.
 */
@Command(name = "DiffusionBenchmark", mixinStandardHelpOptions = true,
        description = "Per-step time of the diffusion renderer inside and outside the model forwards.")
public final class DiffusionBenchmark implements Callable<Integer> {
    @Option(names = "--renderer", required = true, paramLabel = "DIR", description = "An exported renderer folder.")
    Path renderer;

    @Option(names = "--size", defaultValue = "512", paramLabel = "PX", description = "Image side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "N", description = "Denoising steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batches", defaultValue = "1,4", split = ",", paramLabel = "B", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Measurements; medians reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Result (JSON).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DiffusionBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        LaidOutProduct product = ProductLayout.layout(product(), size);
        double loadAtStart = loadAverage();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String sampler : DiffusionSettings.SAMPLERS) {
            for (int batch : batches) {
                DiffusionSettings settings = new DiffusionSettings(steps, 7.5, sampler, DiffusionSettings.DDIM.equals(sampler) ? 0.0 : 0,
                        DiffusionSettings.DEFAULT_NEGATIVE_PROMPT, 1.0, "fp32", batch);
                try (DiffusionSceneRenderer r = DiffusionRenderers.openFolder(renderer, settings, Map.of("model", renderer.toString()))) {
                    runs.add(measure(r, product, sampler, batch));
                }
                System.err.println("diffusion-bench: " + runs.get(runs.size() - 1));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("renderer", renderer.toString());
        result.put("size", size);
        result.put("steps", steps);
        result.put("guidance", 7.5);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("intraOpThreads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        result.put("device", "cpu");
        result.put("goalOverheadMsPerStep", 2.0);
        result.put("loadAverageAtStart", loadAtStart);
        result.put("loadAverageAtEnd", loadAverage());
        result.put("note", "medians of " + repeats + " renders after one warm-up; the time inside the forwards is the"
                + " stand-in's (tiny random-weight modules), not SD1.5's; overhead is what the Java side adds per step."
                + " *Ms figures are wall time, *CpuMs the rendering thread's CPU time (with one intra-op thread libtorch"
                + " computes on it), which other jobs on a shared machine inflate less");
        result.put("runs", runs);
        BenchFiles.writeJson(out, result);
        return 0;
    }

    private Map<String, Object> measure(DiffusionSceneRenderer r, LaidOutProduct product, String sampler, int batch) {
        List<String> descriptions = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            descriptions.add("wooden table surface, warm light, bokeh " + i);
        }
        r.render(product, descriptions, 42); // warm-up: graph optimisation, allocator
        double[] forward = new double[repeats];
        double[] overhead = new double[repeats];
        double[] perImage = new double[repeats];
        double[] forwardCpu = new double[repeats];
        double[] overheadCpu = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            r.render(product, descriptions, 42);
            DiffusionSceneRenderer.StepTimes t = r.lastTimes();
            forward[k] = t.forwardNanos() / 1e6 / t.steps();
            overhead[k] = (t.stepNanos() - t.forwardNanos()) / 1e6 / t.steps();
            perImage[k] = t.totalNanos() / 1e9 / batch;
            forwardCpu[k] = t.forwardCpuNanos() / 1e6 / t.steps();
            overheadCpu[k] = (t.stepCpuNanos() - t.forwardCpuNanos()) / 1e6 / t.steps();
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("sampler", sampler);
        run.put("batch", batch);
        run.put("forwardMsPerStep", round(median(forward)));
        run.put("overheadMsPerStep", round(median(overhead)));
        run.put("overheadMsPerStepMax", round(Arrays.stream(overhead).max().orElse(0)));
        run.put("forwardCpuMsPerStep", round(median(forwardCpu)));
        run.put("overheadCpuMsPerStep", round(median(overheadCpu)));
        run.put("imagesPerSecond", round(1 / median(perImage)));
        return run;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static BufferedImage product() {
        BufferedImage img = new BufferedImage(400, 600, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRoundRect(100, 60, 200, 480, 60, 60);
        g.setColor(new Color(230, 230, 230));
        g.fillRect(120, 250, 160, 120);
        g.dispose();
        return img;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
