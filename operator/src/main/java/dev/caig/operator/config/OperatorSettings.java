package dev.caig.operator.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The non-secret settings the reconcilers need, as an immutable value (tests build it directly).
 *
 * @param finishedJobTtl how long a finished stage Job (and its pods' logs) is kept (ttlSecondsAfterFinished); the
 *                       training job's status keeps what it reported
 */
public record OperatorSettings(String runtimeImage, String runtimeImageGpu, String defaultStoreEndpoint,
        String defaultStoreRegion, Duration progressInterval, Duration finishedJobTtl) {

    public OperatorSettings {
        Objects.requireNonNull(runtimeImage, "runtimeImage");
        Objects.requireNonNull(runtimeImageGpu, "runtimeImageGpu");
        Objects.requireNonNull(defaultStoreEndpoint, "defaultStoreEndpoint");
        Objects.requireNonNull(defaultStoreRegion, "defaultStoreRegion");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(finishedJobTtl, "finishedJobTtl");
    }

    public static OperatorSettings from(OperatorConfig config) {
        return new OperatorSettings(config.runtimeImage(), config.runtimeImageGpu(), config.store().endpoint(),
                config.store().region(), config.progressInterval(), config.finishedJobTtl());
    }
}
