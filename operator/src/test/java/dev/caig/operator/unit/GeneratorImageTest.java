package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.generator.GeneratorResources;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

/** A generator that asks for a GPU serves on the CUDA build of the runtime unless it names its own image. */
class GeneratorImageTest {
    static final String CPU_IMAGE = "example.org/caig-runtime:test";
    static final String CUDA_IMAGE = "example.org/caig-runtime:test-cuda";
    static final String OWN_IMAGE = "registry.example.com/caig/runtime:custom";

    final AdImageGenerator gen = Samples.generator("team-a", "beauty", "quickstart");
    final ResolvedModel model = new ResolvedModel("s3://caig/runs/quickstart/pcpo", "s3://caig/runs/quickstart/reward",
            "sha256:0123", Samples.store());

    @Test
    void withoutGpuTheGeneratorRunsTheCpuImage() {
        assertEquals(CPU_IMAGE, container().getImage());
        gen.getSpec().setResources(resources(0));
        assertEquals(CPU_IMAGE, container().getImage(), "gpu: 0 asks for none");
    }

    @Test
    void aGpuGeneratorRunsTheCudaImage() {
        gen.getSpec().setResources(resources(1));
        Container c = container();
        assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(CUDA_IMAGE, c.getImage());
    }

    @Test
    void anExplicitImageWinsWithAndWithoutGpu() {
        gen.getSpec().setImage(OWN_IMAGE);
        assertEquals(OWN_IMAGE, container().getImage());
        gen.getSpec().setResources(resources(2));
        assertEquals(OWN_IMAGE, container().getImage());
    }

    @Test
    void aBlankImageCountsAsNone() {
        gen.getSpec().setImage(" ");
        gen.getSpec().setResources(resources(1));
        assertEquals(CUDA_IMAGE, container().getImage());
    }

    private static StageResources resources(int gpu) {
        StageResources r = new StageResources();
        r.setMemory("8Gi");
        r.setGpu(gpu);
        return r;
    }

    private Container container() {
        return GeneratorResources.deployment(gen, model, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }
}
