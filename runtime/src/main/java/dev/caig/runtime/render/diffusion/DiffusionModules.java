package dev.caig.runtime.render.diffusion;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four TorchScript modules of a renderer folder, loaded on one device, called directly through their blocks
 * (no translator). fp16 loads the {@code fp16/} variants the export traced on CUDA: a traced graph bakes its
 * dtypes, so casting fp32 modules at load time is not possible. Counts the time spent inside the forwards, so the
 * benchmark can tell model time from the sampler's overhead. Not thread-safe: the renderer serialises calls.
 */
public final class DiffusionModules implements AutoCloseable {
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Device device;
    private final DataType dtype;
    private long forwardNanos;
    private long forwardCpuNanos;
    /** CPU time of the calling thread: with one intra-op thread libtorch computes on it, so load elsewhere on the
     *  machine does not inflate it the way it inflates wall time. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public DiffusionModules(Path dir, RendererSpec spec, Device device, String precision) {
        this.device = device;
        boolean half = "fp16".equals(precision);
        if (half && !device.isGpu()) {
            throw new CaigException(dir + ": render.precision fp16 needs a CUDA device; this process has " + device
                    + " (use fp32 on CPU)");
        }
        this.dtype = half ? DataType.FLOAT16 : DataType.FLOAT32;
        Path from = half ? dir.resolve("fp16") : dir;
        try {
            for (String role : RendererSpec.ROLES) {
                Path file = from.resolve(spec.modules().get(role));
                if (!Files.isRegularFile(file)) {
                    throw new CaigException(file + ": missing (renderer.json modules." + role + ")");
                }
                Model model = Model.newInstance(role, device, "PyTorch");
                models.put(role, model);
                try {
                    model.load(from, spec.moduleName(role));
                } catch (IOException | MalformedModelException | RuntimeException e) {
                    throw new CaigException(file + ": cannot load the " + role + " TorchScript module: "
                            + firstLine(e.getMessage()), e);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Device device() {
        return device;
    }

    /** The float type the modules compute in (inputs are cast to it, outputs back to float32). */
    public DataType dtype() {
        return dtype;
    }

    public NDManager newManager() {
        return NDManager.newBaseManager(device);
    }

    /** ids int64 [B, textLength] -> hidden [B, textLength, textHidden]. */
    public NDArray encodeText(NDArray ids) {
        return forward("textEncoder", ids);
    }

    /** -> predicted noise [B, 4, h, w]. */
    public NDArray denoise(NDArray latents, NDArray timestep, NDArray hidden, NDArray control, NDArray scale) {
        return forward("denoiser", cast(latents), timestep, cast(hidden), cast(control), scale);
    }

    /** image [B, 3, H, W] in [-1, 1] -> latent mean [B, 4, h, w], unscaled. */
    public NDArray encodeImage(NDArray image) {
        return forward("vaeEncoder", cast(image));
    }

    /** unscaled latents -> image [B, 3, H, W] in [-1, 1]. */
    public NDArray decode(NDArray latents) {
        return forward("vaeDecoder", cast(latents));
    }

    /** Nanoseconds spent inside the modules since the last call; resets the count. */
    public long takeForwardNanos() {
        long n = forwardNanos;
        forwardNanos = 0;
        return n;
    }

    /** Thread CPU nanoseconds spent inside the modules since the last call; resets the count. */
    public long takeForwardCpuNanos() {
        long n = forwardCpuNanos;
        forwardCpuNanos = 0;
        return n;
    }

    static long threadCpuNanos() {
        return CPU.getCurrentThreadCpuTime();
    }

    private NDArray cast(NDArray x) {
        return x.getDataType() == dtype ? x : x.toType(dtype, false);
    }

    private NDArray forward(String role, NDArray... inputs) {
        long start = System.nanoTime();
        long cpuStart = threadCpuNanos();
        NDList out = models.get(role).getBlock()
                .forward(new ParameterStore(inputs[0].getManager(), false), new NDList(inputs), false);
        NDArray result = out.singletonOrThrow();
        if (result.getDataType() != DataType.FLOAT32) {
            result = result.toType(DataType.FLOAT32, false);
        }
        if (device.isGpu()) {
            result.toDevice(Device.cpu(), false).close(); // wait for the kernels, so the count is the model's time
        }
        forwardNanos += System.nanoTime() - start;
        forwardCpuNanos += threadCpuNanos() - cpuStart;
        return result;
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (Model m : models.values()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        models.clear();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
