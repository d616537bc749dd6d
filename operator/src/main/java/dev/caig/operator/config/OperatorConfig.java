package dev.caig.operator.config;

import java.time.Duration;
import java.util.List;
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

    /** How long finished stage Jobs (and their pods' logs) are kept before Kubernetes deletes them. */
    @WithDefault("7d")
    Duration finishedJobTtl();

    Store store();

    /** Which store prefixes each namespace's resources may use (chart values storeScope.*). */
    StoreScope storeScope();

    interface StoreScope {
        /**
         * Entries namespace=s3://bucket/prefix, a namespace may have several (env CAIG_STORE_SCOPE_ALLOWED_PREFIXES,
         * comma-separated). Unset: every namespace may use anything its own store keys reach.
         */
        Optional<List<String>> allowedPrefixes();

        /** Whether a namespace without entries may use any prefix (true) or none (false). */
        @WithDefault("true")
        boolean allowUnlistedNamespaces();
    }

    /** What resources may choose for their pods; an unset list allows anything (chart values podPolicy.*). */
    PodPolicyConfig podPolicy();

    interface PodPolicyConfig {
        /** Image prefixes, e.g. registry.example.com/caig/ (env CAIG_POD_POLICY_ALLOWED_IMAGES, comma-separated). */
        Optional<List<String>> allowedImages();

        Optional<List<String>> allowedServiceAccounts();

        Optional<List<String>> allowedPriorityClasses();
    }

    /**
     * Defaults for resources whose spec.store names no endpoint or region. The operator has no store keys of its own:
     * it reads and cleans up each resource's artifacts with that resource's credentials Secret, as its pods do.
     */
    interface Store {
        /** Default endpoint, used by the operator and the pods of a resource that names none. */
        @WithDefault("http://minio.minio:9000")
        String endpoint();

        @WithDefault("us-east-1")
        String region();
    }
}
