package dev.caig.runtime.cli;

import java.util.Map;

/**
 * DJL probes for GPUs through the CUDA runtime library whenever it finds one, and on a machine that has the library
 * but no usable GPU it warns "Failed to detect GPU count" on every command. That warning is news only when a GPU was
 * asked for: the CUDA image ({@code CAIG_CUDART_DIR}) or a container given GPUs ({@code NVIDIA_VISIBLE_DEVICES},
 * {@code CUDA_VISIBLE_DEVICES}). Otherwise the probe's logger is set to errors only, before any logger exists.
 */
public final class GpuProbeLogging {
    static final String PROBE_LOGGER_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private GpuProbeLogging() {
    }

    static void quietUnlessGpuRequested() {
        if (!gpuRequested(System.getenv()) && System.getProperty(PROBE_LOGGER_LEVEL) == null) {
            System.setProperty(PROBE_LOGGER_LEVEL, "error");
        }
    }

    public static boolean gpuRequested(Map<String, String> env) {
        return present(env.get("CAIG_CUDART_DIR")) || devices(env.get("NVIDIA_VISIBLE_DEVICES"))
                || devices(env.get("CUDA_VISIBLE_DEVICES"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The container runtimes' ways of saying "no GPU": empty, "void", "none", or CUDA's "-1". */
    private static boolean devices(String value) {
        return present(value) && !value.equals("void") && !value.equals("none") && !value.equals("-1");
    }
}
