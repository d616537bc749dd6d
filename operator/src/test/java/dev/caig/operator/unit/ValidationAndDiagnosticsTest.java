package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.trainingjob.PodDiagnostics;
import dev.caig.operator.trainingjob.Waiting;
import dev.caig.operator.validation.GeneratorValidator;
import dev.caig.operator.validation.PodPolicy;
import dev.caig.operator.validation.TrainingJobValidator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

/** Semantic validation beyond the schema, and reading why a pod waits. */
class ValidationAndDiagnosticsTest {
    final InMemoryArtifactStore store = new InMemoryArtifactStore();
    final TrainingJobValidator validator = new TrainingJobValidator(new ArtifactReader(store), PodPolicy.OPEN);

    @Test
    void sampleIsValid() throws Exception {
        assertEquals(Optional.empty(), validator.validate(Samples.trainingJob("ns", "q")));
    }

    @Test
    void zeroMemoryIsRejected() throws Exception {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        StageResources r = new StageResources();
        r.setMemory("0");
        job.getSpec().setResources(r);
        assertEquals(Optional.of("spec.resources.memory: '0' must be greater than zero"), validator.validate(job));
    }

    @Test
    void tolerationExistsWithValueIsRejected() throws Exception {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        job.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("k").withOperator("Exists").withValue("v").build()));
        assertEquals(Optional.of("spec.tolerations[0].value must be empty when operator is Exists"), validator.validate(job));
    }

    @Test
    void aStagesOwnPlacementIsCheckedAndNamed() throws Exception {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        job.getSpec().getPcpo().setTolerations(List.of(new TolerationBuilder().withKey("nvidia.com/gpu")
                .withEffect("NoSchedule").withTolerationSeconds(60L).build()));
        assertEquals(Optional.of("spec.pcpo.tolerations[0].tolerationSeconds is only allowed with effect NoExecute"),
                validator.validate(job));
        job.getSpec().getPcpo().setTolerations(null);
        job.getSpec().getPcpo().setNodeSelector(java.util.Map.of("bad key!", "gpu"));
        assertTrue(validator.validate(job).orElseThrow().startsWith("spec.pcpo.nodeSelector"), validator.validate(job).get());
    }

    @Test
    void reusedArtifactInsideOwnPrefixIsRejected() throws Exception {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        job.getSpec().getPcpo().setFromArtifact("s3://caig/runs/q/pcpo");
        assertTrue(validator.validate(job).orElseThrow().contains("lies inside this job's own artifact prefix"));
    }

    @Test
    void reusedArtifactMustHaveAManifest() throws Exception {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        job.getSpec().getPcpo().setFromArtifact("s3://models/p");
        assertEquals(Optional.of("spec.pcpo.fromArtifact: no complete artifact at s3://models/p/ (manifest.json missing)"),
                validator.validate(job));
        store.putManifest("s3://models/p/", "pcpo", Map.of());
        assertEquals(Optional.empty(), validator.validate(job));
    }

    @Test
    void missingSecretAndImagePullProblemsAreNamed() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName("caig").withNewState().withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"caig-store\" not found").endWaiting().endState().endContainerStatus().endStatus().build();
        assertEquals(Optional.of(new Waiting("CreateContainerConfigError", "pod p: secret \"caig-store\" not found")),
                PodDiagnostics.why(List.of(pod)));
    }

    @Test
    void thePodPolicyRefusesImagesServiceAccountsAndPriorityClassesTheChartDoesNotAllow() throws Exception {
        PodPolicy policy = new PodPolicy(List.of("registry.example.com/caig/"), List.of("caig-runner"), List.of("caig-batch"));
        TrainingJobValidator strict = new TrainingJobValidator(new ArtifactReader(store), policy);
        AdImageTrainingJob job = Samples.trainingJob("team-a", "q");
        job.getSpec().setPriorityClassName(null);

        assertEquals(Optional.empty(), strict.validate(job), "unset: the operator's images, the default account and priority");
        job.getSpec().setImage("docker.io/someone/miner:latest");
        assertEquals(Optional.of("spec.image 'docker.io/someone/miner:latest' is not allowed here: images must start with one of "
                + "[registry.example.com/caig/] (operator setting podPolicy.allowedImages)"), strict.validate(job));
        job.getSpec().setImage("registry.example.com/caig/runtime:1.0");
        job.getSpec().setServiceAccountName("cluster-admin-sa");
        assertTrue(strict.validate(job).orElseThrow().startsWith("spec.serviceAccountName 'cluster-admin-sa' is not allowed here"));
        job.getSpec().setServiceAccountName("caig-runner");
        job.getSpec().setPriorityClassName("system-node-critical");
        assertTrue(strict.validate(job).orElseThrow().startsWith("spec.priorityClassName 'system-node-critical' is not allowed"));
        job.getSpec().setPriorityClassName("caig-batch");
        assertEquals(Optional.empty(), strict.validate(job));

        var generator = Samples.generator("team-a", "beauty", "q");
        generator.getSpec().setImage("docker.io/someone/miner:latest");
        assertTrue(new GeneratorValidator(policy).validate(generator).orElseThrow().startsWith("spec.image 'docker.io/someone/miner"));
        assertEquals(Optional.empty(), new GeneratorValidator(PodPolicy.OPEN).validate(generator), "no policy: anything goes");
    }
}
