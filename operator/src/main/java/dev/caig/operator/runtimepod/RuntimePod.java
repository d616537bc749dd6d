package dev.caig.operator.runtimepod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.SecretKeysRef;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.crd.v1alpha1.StoreSpec;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/** The parts every runtime pod shares (stage Jobs and generator Deployments): store env, security, work dir. */
public final class RuntimePod {
    public static final String CONTAINER = "caig";
    public static final String WORK_DIR = "/var/lib/caig";
    public static final String WORK_VOLUME = "work";
    public static final long UID = 1000L;
    public static final String GPU = "nvidia.com/gpu";

    private RuntimePod() {
    }

    /** Store location and credentials: credentials only as secretKeyRef, never as values. */
    public static List<EnvVar> storeEnv(StoreSpec store, OperatorSettings settings) {
        SecretKeysRef secret = store.getCredentialsSecret();
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("CAIG_S3_ENDPOINT", orDefault(store.getEndpoint(), settings.defaultStoreEndpoint()), null));
        env.add(new EnvVar("CAIG_S3_REGION", orDefault(store.getRegion(), settings.defaultStoreRegion()), null));
        env.add(secretEnv("CAIG_S3_ACCESS_KEY", secret.getName(), orDefault(secret.getAccessKeyKey(), "accessKey")));
        env.add(secretEnv("CAIG_S3_SECRET_KEY", secret.getName(), orDefault(secret.getSecretKeyKey(), "secretKey")));
        return env;
    }

    /** The read-only root filesystem leaves one writable place: the work emptyDir. */
    public static List<EnvVar> workDirEnv() {
        return List.of(new EnvVar("CAIG_WORK_DIR", WORK_DIR, null), new EnvVar("HOME", WORK_DIR, null),
                new EnvVar("DJL_CACHE_DIR", WORK_DIR + "/djl", null));
    }

    public static Volume workVolume() {
        return new VolumeBuilder().withName(WORK_VOLUME).withNewEmptyDir().endEmptyDir().build();
    }

    public static VolumeMount workMount() {
        return new VolumeMountBuilder().withName(WORK_VOLUME).withMountPath(WORK_DIR).build();
    }

    public static SecurityContext containerSecurity() {
        return new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(UID)
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withPrivileged(false)
                .withCapabilities(new Capabilities(null, List.of("ALL"))).build();
    }

    public static PodSecurityContext podSecurity() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(UID)
                .withFsGroup(UID).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    /**
     * The container's image: the resource's own {@code spec.image} if set; else the CUDA build when the container
     * asks for at least one GPU (the CPU build would not use it); else the CPU build.
     */
    public static String image(String own, ResourceRequirements resources, OperatorSettings settings) {
        return orDefault(own, asksForGpu(resources) ? settings.runtimeImageGpu() : settings.runtimeImage());
    }

    private static boolean asksForGpu(ResourceRequirements resources) {
        Quantity gpu = resources == null || resources.getLimits() == null ? null : resources.getLimits().get(GPU);
        return gpu != null && gpu.getNumericalAmount().signum() > 0;
    }

    /** Requests equal limits; GPUs go to limits and requests (extended resources need both equal). */
    public static ResourceRequirements resources(StageResources own, StageResources fallback) {
        return resources(own, fallback, false);
    }

    /**
     * The same; a pod that renders with the diffusion back end gets one GPU unless {@code own} or {@code fallback}
     * names a GPU count (0 keeps it on CPU, e.g. for the stand-in renderer).
     */
    public static ResourceRequirements resources(StageResources own, StageResources fallback, boolean diffusion) {
        String cpu = pick(own == null ? null : own.getCpu(), fallback == null ? null : fallback.getCpu());
        String memory = pick(own == null ? null : own.getMemory(), fallback == null ? null : fallback.getMemory());
        Integer gpu = own != null && own.getGpu() != null ? own.getGpu() : fallback == null ? null : fallback.getGpu();
        if (gpu == null && diffusion) {
            gpu = 1;
        }
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        if (cpu != null) {
            amounts.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            amounts.put("memory", new Quantity(memory));
        }
        if (gpu != null && gpu > 0) {
            amounts.put(GPU, new Quantity(String.valueOf(gpu)));
        }
        if (amounts.isEmpty()) {
            return new ResourceRequirements();
        }
        return new ResourceRequirementsBuilder().withRequests(new LinkedHashMap<>(amounts)).withLimits(amounts).build();
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false)
                .endValueFrom().build();
    }

    private static String pick(String own, String fallback) {
        return own != null ? own : fallback;
    }

    public static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
