package dev.caig.operator.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageGeneratorSpec;
import dev.caig.operator.crd.v1alpha1.AutoscalingSpec;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.RuntimePod;
import dev.caig.operator.trainingjob.Owners;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** Desired Deployment, Service, HPA and PodDisruptionBudget of a generator. Pure: same generator and model, same objects. */
public final class GeneratorResources {
    public static final int PORT = 8080;
    /**
     * Matches the service's draining shutdown (serve/ application.properties): readiness down and still serving for
     * 5 s while the pod leaves the Service, then up to the request timeout (30 s) + 5 s for accepted requests, plus
     * 10 s for the JVM to exit. A preStop pause is not needed: the service keeps answering during its own delay.
     */
    public static final long TERMINATION_GRACE_SECONDS = 50;
    public static final String API_KEYS_DIR = "/etc/caig/api-keys";
    public static final int DEFAULT_CPU_TARGET = 70;

    private GeneratorResources() {
    }

    public static int desiredReplicas(AdImageGeneratorSpec spec) {
        if (spec.getAutoscaling() != null) {
            AutoscalingSpec a = spec.getAutoscaling();
            return a.getMinReplicas() == null ? 1 : a.getMinReplicas();
        }
        return spec.getReplicas() == null ? 1 : spec.getReplicas();
    }

    public static Deployment deployment(AdImageGenerator gen, ResolvedModel model, OperatorSettings settings) {
        AdImageGeneratorSpec spec = gen.getSpec();
        Map<String, String> podLabels = new LinkedHashMap<>(ResourceNames.generatorSelector(gen.getMetadata().getName()));
        podLabels.putAll(ResourceNames.recommended("caig-generator", gen.getMetadata().getName(), "server"));
        podLabels.put(ResourceNames.BUSINESS_UNIT_LABEL, spec.getBusinessUnit());
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        // A new digest changes the pod template, which is what rolls the Deployment.
        podAnnotations.put(ResourceNames.MODEL_DIGEST_ANNOTATION, model.digest());
        podAnnotations.put("prometheus.io/scrape", "true");
        podAnnotations.put("prometheus.io/port", String.valueOf(PORT));
        podAnnotations.put("prometheus.io/path", "/q/metrics");
        List<Volume> volumes = new ArrayList<>(List.of(RuntimePod.workVolume()));
        List<VolumeMount> mounts = new ArrayList<>(List.of(RuntimePod.workMount()));
        if (spec.getApiKeySecret() != null) {
            volumes.add(new VolumeBuilder().withName("api-keys").withNewSecret().withSecretName(spec.getApiKeySecret())
                    .endSecret().build());
            mounts.add(new VolumeMountBuilder().withName("api-keys").withMountPath(API_KEYS_DIR).withReadOnly(true).build());
        }
        List<EnvVar> env = new ArrayList<>(RuntimePod.storeEnv(model.store(), settings));
        env.addAll(RuntimePod.workDirEnv());
        ResourceRequirements resources = RuntimePod.resources(spec.getResources(), null,
                model.rendersWithDiffusion(spec.getRender()));
        return new DeploymentBuilder()
                .withMetadata(meta(gen))
                .withNewSpec()
                .withReplicas(spec.getAutoscaling() == null ? desiredReplicas(spec) : null)
                .withNewSelector().withMatchLabels(ResourceNames.generatorSelector(gen.getMetadata().getName())).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec()
                .withServiceAccountName(spec.getServiceAccountName())
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withPriorityClassName(spec.getPriorityClassName())
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withSecurityContext(RuntimePod.podSecurity())
                .withVolumes(volumes)
                .addNewContainer()
                .withName(RuntimePod.CONTAINER)
                .withImage(RuntimePod.image(spec.getImage(), resources, settings))
                .withArgs(args(spec, model))
                .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withResources(resources)
                .withStartupProbe(probe("/q/health/live", 5, 60))
                .withLivenessProbe(probe("/q/health/live", 10, 3))
                .withReadinessProbe(probe("/q/health/ready", 5, 3))
                .withSecurityContext(RuntimePod.containerSecurity())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static List<String> args(AdImageGeneratorSpec spec, ResolvedModel model) {
        List<String> args = new ArrayList<>(List.of("serve", "--policy", model.policyUri(), "--reward", model.rewardUri(),
                "--port", String.valueOf(PORT)));
        if (spec.getMaxCandidates() != null) {
            args.addAll(List.of("--max-candidates", String.valueOf(spec.getMaxCandidates())));
        }
        if (spec.getApiKeySecret() != null) {
            args.addAll(List.of("--api-keys-file", API_KEYS_DIR + "/keys"));
        }
        if (spec.getRender() != null) {
            // the render section as JSON: the runtime reads it with the pipeline config's own reader
            args.addAll(List.of("--render-settings", Serialization.asJson(spec.getRender())));
            if (spec.getRender().getSize() != null) { // serve's ad size is its own flag
                args.addAll(List.of("--render-size", String.valueOf(spec.getRender().getSize())));
            }
        }
        return args;
    }

    public static Service service(AdImageGenerator gen) {
        return new ServiceBuilder()
                .withMetadata(meta(gen))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(ResourceNames.generatorSelector(gen.getMetadata().getName()))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    public static HorizontalPodAutoscaler autoscaler(AdImageGenerator gen) {
        AutoscalingSpec a = gen.getSpec().getAutoscaling();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(meta(gen))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(ResourceNames.generator(gen.getMetadata().getName())).endScaleTargetRef()
                .withMinReplicas(a.getMinReplicas() == null ? 1 : a.getMinReplicas())
                .withMaxReplicas(a.getMaxReplicas())
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(a.getTargetCpuUtilizationPercentage() == null ? DEFAULT_CPU_TARGET
                        : a.getTargetCpuUtilizationPercentage())
                .endTarget().endResource().endMetric()
                .endSpec()
                .build();
    }

    /** At most one of the generator's pods evicted at a time (node drains, cluster upgrades). */
    public static PodDisruptionBudget disruptionBudget(AdImageGenerator gen) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(meta(gen))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(ResourceNames.generatorSelector(gen.getMetadata().getName())).endSelector()
                .endSpec()
                .build();
    }

    /** In-cluster URL of the Service. */
    public static String url(AdImageGenerator gen) {
        return "http://" + ResourceNames.generator(gen.getMetadata().getName()) + "." + gen.getMetadata().getNamespace()
                + ".svc.cluster.local";
    }

    private static ObjectMeta meta(AdImageGenerator gen) {
        Map<String, String> labels = new LinkedHashMap<>(ResourceNames.generatorSelector(gen.getMetadata().getName()));
        labels.putAll(ResourceNames.recommended("caig-generator", gen.getMetadata().getName(), "server"));
        labels.put(ResourceNames.BUSINESS_UNIT_LABEL, gen.getSpec().getBusinessUnit());
        return new ObjectMetaBuilder().withName(ResourceNames.generator(gen.getMetadata().getName()))
                .withNamespace(gen.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(Owners.controllerReference(gen)).build();
    }

    private static Probe probe(String path, int period, int failures) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(period).withFailureThreshold(failures).withTimeoutSeconds(3).build();
    }
}
