package dev.caig.operator.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings (application.properties / env, e.g. CAIG_RUNTIME_IMAGE). Read once, at start. */
@ConfigMapping(prefix = "caig")
public interface OperatorConfig {

    /** Runtime image used when a resource names none. */
    @WithDefault("ghcr.io/caig-dev/caig-runtime:0.1.0")
    String runtimeImage();

    /** Runtime image used when a resource names none and its pod asks for a GPU: the CUDA build of the runtime. */
    @WithDefault("ghcr.io/caig-dev/caig-runtime:0.1.0-cuda")
    String runtimeImageGpu();

    /** How often a running training job is re-read (progress.json) when nothing else changes. */
    @WithDefault("15s")
    Duration progressInterval();

    Store store();

    /** The artifact store the operator itself reads (manifests, progress) and cleans up. */
    interface Store {
        /** Default endpoint, also given to pods whose resource names none. */
        @WithDefault("http://minio.minio:9000")
        String endpoint();

        @WithDefault("us-east-1")
        String region();

        /** From a Secret via env CAIG_STORE_ACCESS_KEY; never logged. */
        Optional<String> accessKey();

        /** From a Secret via env CAIG_STORE_SECRET_KEY; never logged. */
        Optional<String> secretKey();
    }
}
