package dev.caig.runtime.render.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.SceneRenderer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * The paper's renderer: SD1.5 + canny ControlNet inpainting of the background around the laid-out product. Per
 * batch of candidates: encode the descriptions and the negative prompt, start from the seed's noise, and at each
 * step run the fused denoiser once on [negative; positive] rows, combine them (classifier-free guidance), step the
 * sampler and put the product region's latents back (the init image's latents noised to the next level, clean
 * after the last step); then decode. Every candidate of one call uses the same seed's noise (the paper fixes 42),
 * so two ads differ only by their descriptions, and a batch gives the pictures of one-at-a-time calls.
 */
public final class DiffusionSceneRenderer implements SceneRenderer {
    private final RendererSpec spec;
    private final DiffusionModules modules;
    private final PromptTokens tokens;
    private final DiffusionSettings settings;
    private final Map<String, Object> identity;
    private final Map<LaidOutProduct, InpaintInputs> inputs = Collections.synchronizedMap(new WeakHashMap<>());
    private StepTimes times = StepTimes.NONE;

    /** Time of the denoising steps of the last render call: all of it, and the part inside the modules. */
    public record StepTimes(int steps, long stepNanos, long forwardNanos, long stepCpuNanos, long forwardCpuNanos,
                            long totalNanos) {
        static final StepTimes NONE = new StepTimes(0, 0, 0, 0, 0, 0);
    }

    public DiffusionSceneRenderer(RendererSpec spec, DiffusionModules modules, PromptTokens tokens,
                                  DiffusionSettings settings, Map<String, Object> source) {
        String problem = settings.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.spec = spec;
        this.modules = modules;
        this.tokens = tokens;
        this.settings = settings;
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("backend", "diffusion");
        id.putAll(source);
        id.put("name", spec.name());
        id.put("steps", settings.steps());
        id.put("guidance", settings.guidance());
        id.put("sampler", settings.sampler());
        id.put("eta", settings.eta());
        id.put("negativePrompt", settings.negativePrompt());
        id.put("controlScale", settings.controlScale());
        id.put("precision", settings.precision());
        id.put("batchSize", settings.batchSize());
        id.put("device", modules.device().toString());
        this.identity = Collections.unmodifiableMap(id);
    }

    @Override
    public Map<String, Object> identity() {
        return identity;
    }

    @Override
    public boolean wantsContactShadow() {
        return false;
    }

    public DiffusionSettings settings() {
        return settings;
    }

    /** Timing of the last {@link #render} call (for the benchmark). */
    public synchronized StepTimes lastTimes() {
        return times;
    }

    @Override
    public synchronized List<BufferedImage> render(LaidOutProduct product, List<String> descriptions, long seed) {
        spec.latentSize(product.size()); // one-line error for a size the VAE cannot take
        InpaintInputs in = inputs.computeIfAbsent(product, p -> InpaintInputs.of(p, spec.latentDownsample()));
        List<BufferedImage> out = new ArrayList<>(descriptions.size());
        long start = System.nanoTime();
        StepTimes sum = StepTimes.NONE;
        for (int from = 0; from < descriptions.size(); from += settings.batchSize()) {
            List<String> chunk = descriptions.subList(from, Math.min(descriptions.size(), from + settings.batchSize()));
            try (NDManager m = modules.newManager()) {
                sum = renderChunk(m, in, chunk, seed, out, sum);
            }
        }
        times = new StepTimes(sum.steps(), sum.stepNanos(), sum.forwardNanos(), sum.stepCpuNanos(), sum.forwardCpuNanos(),
                System.nanoTime() - start);
        return out;
    }

    private StepTimes renderChunk(NDManager m, InpaintInputs in, List<String> chunk, long seed,
                                  List<BufferedImage> out, StepTimes sum) {
        int n = chunk.size();
        int s = in.size();
        int ls = in.latentSize();
        int c = spec.latentChannels();
        boolean cfg = Guidance.needsUnconditional(settings.guidance());
        int rows = cfg ? 2 * n : n;
        long[] ids = new long[rows * spec.textLength()];
        for (int r = 0; r < rows; r++) {
            String text = cfg && r < n ? settings.negativePrompt() : chunk.get(cfg ? r - n : r);
            System.arraycopy(tokens.ids(text), 0, ids, r * spec.textLength(), spec.textLength());
        }
        Sampler sampler = settings.sampler(spec);
        int[] ts = sampler.timesteps();
        // SplittableRandom draws normals with Java 17's ziggurat, cheaper per draw than java.util.Random's polar
        // method (16k draws a step at 512 px); deterministic for the seed on every JVM
        SplittableRandom random = new SplittableRandom(seed);
        NDArray hidden = modules.encodeText(m.create(ids, new Shape(rows, spec.textLength())));
        NDArray control = m.create(in.control(), new Shape(1, 3, s, s)).repeat(0, rows);
        NDArray clean = modules.encodeImage(m.create(in.init(), new Shape(1, 3, s, s))).mul((float) spec.scalingFactor());
        NDArray mask = m.create(in.latentMask(), new Shape(1, 1, ls, ls));
        NDArray keep = mask.neg().add(1f);
        NDArray scale = m.create((float) settings.controlScale());
        NDArray noise = m.create(gaussian(random, c * ls * ls), new Shape(1, c, ls, ls));
        NDArray latents = noise.mul((float) sampler.initNoiseSigma()).repeat(0, n);
        NDList constants = new NDList(hidden, control, clean, mask, keep, scale, noise);
        modules.takeForwardNanos();
        modules.takeForwardCpuNanos();
        long stepStart = System.nanoTime();
        long stepCpuStart = DiffusionModules.threadCpuNanos();
        for (int i = 0; i < ts.length; i++) {
            NDArray next;
            try (NDManager step = m.newSubManager()) {
                constants.tempAttach(step);
                latents.tempAttach(step);
                NDArray x = sampler.scaleInput(latents, i);
                NDArray eps = modules.denoise(cfg ? NDArrays.concat(new NDList(x, x)) : x, step.create((long) ts[i]),
                        hidden, control, scale);
                if (cfg) {
                    NDList halves = eps.split(2);
                    eps = Guidance.combine(halves.get(0), halves.get(1), settings.guidance());
                }
                NDArray fresh = sampler.usesNoise() ? step.create(gaussian(random, c * ls * ls), new Shape(1, c, ls, ls)) : null;
                NDArray stepped = sampler.step(latents, eps, i, fresh);
                NDArray kept = i < ts.length - 1 ? sampler.noiseTo(clean, noise, i + 1) : clean;
                next = stepped.mul(mask).addi(kept.mul(keep));
                next.attach(m);
            }
            latents.close();
            latents = next;
        }
        long stepNanos = System.nanoTime() - stepStart;
        long stepCpuNanos = DiffusionModules.threadCpuNanos() - stepCpuStart;
        long forwardNanos = modules.takeForwardNanos();
        long forwardCpuNanos = modules.takeForwardCpuNanos();
        NDArray image = modules.decode(latents.div((float) spec.scalingFactor()));
        float[] px = image.toFloatArray();
        for (int k = 0; k < n; k++) {
            out.add(toImage(px, k, s));
        }
        return new StepTimes(sum.steps() + ts.length, sum.stepNanos() + stepNanos, sum.forwardNanos() + forwardNanos,
                sum.stepCpuNanos() + stepCpuNanos, sum.forwardCpuNanos() + forwardCpuNanos, 0);
    }

    /** The kept region's latents after a full render: for tests of "the product region is kept". */
    NDArray cleanLatents(NDManager m, LaidOutProduct product) {
        InpaintInputs in = InpaintInputs.of(product, spec.latentDownsample());
        return modules.encodeImage(m.create(in.init(), new Shape(1, 3, in.size(), in.size())))
                .mul((float) spec.scalingFactor());
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Row k of a [n, 3, s, s] tensor in [-1, 1] as an RGB image (rounded, clipped). */
    private static BufferedImage toImage(float[] px, int k, int s) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int plane = s * s;
        int base = k * 3 * plane;
        for (int i = 0; i < plane; i++) {
            dst[i] = channel(px[base + i]) << 16 | channel(px[base + plane + i]) << 8 | channel(px[base + 2 * plane + i]);
        }
        return img;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f)));
    }

    @Override
    public void close() {
        try {
            modules.close();
        } finally {
            tokens.close();
        }
    }
}
