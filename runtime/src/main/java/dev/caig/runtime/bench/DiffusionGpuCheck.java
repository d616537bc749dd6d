package dev.caig.runtime.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The GPU part of bench/gpu-check.sh: the CUDA engine loads, a renderer's pictures in fp32 on CUDA, fp16 on CUDA
 * and fp32 on CPU agree within stated tolerances (8-bit channel levels), and a timed batch. Exit 1 when a check fails.
 */
@Command(name = "DiffusionGpuCheck", mixinStandardHelpOptions = true)
public final class DiffusionGpuCheck implements Callable<Integer> {
    /** CUDA and CPU fp32 differ only by kernel rounding: at most 2 levels anywhere. */
    static final int FP32_MAX_LEVELS = 2;
    /** fp16 rounds every activation to 11 bits: mean within 2 levels, no pixel off by more than 24. */
    static final double FP16_MEAN_LEVELS = 2.0;
    static final int FP16_MAX_LEVELS = 24;

    @Option(names = "--renderer", required = true)
    Path renderer;

    @Option(names = "--out", required = true)
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DiffusionGpuCheck()).execute(args));
    }

    @Override
    public Integer call() {
        Map<String, Object> result = new LinkedHashMap<>();
        Device gpu = Engine.getEngine("PyTorch").defaultDevice();
        result.put("engine", Engine.getEngine("PyTorch").getVersion());
        result.put("device", gpu.toString());
        if (!gpu.isGpu()) {
            result.put("ok", false);
            result.put("error", "no CUDA device: the PyTorch engine's default device is " + gpu);
            BenchFiles.writeJson(out, result);
            System.err.println("gpu-check: " + result.get("error"));
            return 1;
        }
        LaidOutProduct product = ProductLayout.layout(product(), 256);
        List<String> texts = List.of("wooden table, warm light", "marble counter, soft daylight");
        List<BufferedImage> cpu = render(product, texts, "fp32", Device.cpu(), 2);
        List<BufferedImage> fp32 = render(product, texts, "fp32", gpu, 2);
        List<BufferedImage> fp16 = render(product, texts, "fp16", gpu, 2);
        Map<String, Object> cudaVsCpu = compare(fp32, cpu);
        Map<String, Object> halfVsFull = compare(fp16, fp32);
        boolean ok = ((Number) cudaVsCpu.get("maxLevels")).intValue() <= FP32_MAX_LEVELS
                && ((Number) halfVsFull.get("meanLevels")).doubleValue() <= FP16_MEAN_LEVELS
                && ((Number) halfVsFull.get("maxLevels")).intValue() <= FP16_MAX_LEVELS;
        result.put("fp32CudaVsCpu", cudaVsCpu);
        result.put("fp16VsFp32Cuda", halfVsFull);
        result.put("tolerance", Map.of("fp32MaxLevels", FP32_MAX_LEVELS, "fp16MeanLevels", FP16_MEAN_LEVELS,
                "fp16MaxLevels", FP16_MAX_LEVELS));
        for (String precision : List.of("fp32", "fp16")) {
            LaidOutProduct big = ProductLayout.layout(product(), 512);
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add("studio backdrop, soft light " + i);
            }
            DiffusionSettings s = new DiffusionSettings(30, 7.5, DiffusionSettings.DDIM, 0, DiffusionSettings.DEFAULT_NEGATIVE_PROMPT,
                    1.0, precision, 8);
            try (DiffusionSceneRenderer r = DiffusionRenderers.openFolder(renderer, s, Map.of("model", renderer.toString()), gpu)) {
                r.render(big, batch, 42);
                r.render(big, batch, 42);
                DiffusionSceneRenderer.StepTimes t = r.lastTimes();
                Map<String, Object> timed = new LinkedHashMap<>();
                timed.put("batch", 8);
                timed.put("size", 512);
                timed.put("steps", 30);
                timed.put("imagesPerSecond", 8 / (t.totalNanos() / 1e9));
                timed.put("forwardMsPerStep", t.forwardNanos() / 1e6 / t.steps());
                timed.put("overheadMsPerStep", (t.stepNanos() - t.forwardNanos()) / 1e6 / t.steps());
                result.put("timedBatch" + precision.toUpperCase(), timed);
            }
        }
        result.put("ok", ok);
        BenchFiles.writeJson(out, result);
        System.err.println("gpu-check: " + result);
        return ok ? 0 : 1;
    }

    private List<BufferedImage> render(LaidOutProduct product, List<String> texts, String precision, Device device, int batch) {
        DiffusionSettings s = new DiffusionSettings(20, 7.5, DiffusionSettings.DDIM, 0, DiffusionSettings.DEFAULT_NEGATIVE_PROMPT,
                1.0, precision, batch);
        try (DiffusionSceneRenderer r = DiffusionRenderers.openFolder(renderer, s, Map.of("model", renderer.toString()), device)) {
            return r.render(product, texts, 42);
        }
    }

    private static Map<String, Object> compare(List<BufferedImage> a, List<BufferedImage> b) {
        long sum = 0, count = 0;
        int max = 0;
        for (int k = 0; k < a.size(); k++) {
            int s = a.get(k).getWidth();
            int[] pa = a.get(k).getRGB(0, 0, s, s, null, 0, s);
            int[] pb = b.get(k).getRGB(0, 0, s, s, null, 0, s);
            for (int i = 0; i < pa.length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs(((pa[i] >> shift) & 255) - ((pb[i] >> shift) & 255));
                    sum += d;
                    count++;
                    max = Math.max(max, d);
                }
            }
        }
        return Map.of("maxLevels", max, "meanLevels", (double) sum / count);
    }

    private static BufferedImage product() {
        BufferedImage img = new BufferedImage(400, 600, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRoundRect(100, 60, 200, 480, 60, 60);
        g.dispose();
        return img;
    }
}
