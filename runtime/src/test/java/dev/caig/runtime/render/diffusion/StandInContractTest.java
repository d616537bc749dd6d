package dev.caig.runtime.render.diffusion;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The committed stand-in through DJL computes what PyTorch computed when it was made, with the contract's shapes. */
class StandInContractTest {
    private static final JsonNode REF = StandIn.reference().get("modules");

    @Test
    void tokenizerFramesTheTextAsTheReference() {
        RendererSpec spec = RendererSpec.read(StandIn.folder());
        try (PromptTokens tokens = new PromptTokens(StandIn.folder().resolve(spec.tokenizer()), spec)) {
            long[] ids = tokens.ids(REF.get("text").asText().toUpperCase());
            long[] expected = new long[ids.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = REF.get("ids").get(i).asLong();
            }
            assertArrayEquals(expected, ids);
            assertEquals(77, ids.length);
        }
    }

    @Test
    void everyModuleMatchesPyTorchOnFixedInputs() {
        RendererSpec spec = RendererSpec.read(StandIn.folder());
        try (DiffusionModules modules = new DiffusionModules(StandIn.folder(), spec, Device.cpu(), "fp32");
             NDManager m = modules.newManager()) {
            long[] ids = new long[77];
            for (int i = 0; i < 77; i++) {
                ids[i] = REF.get("ids").get(i).asLong();
            }
            NDArray hidden = modules.encodeText(m.create(ids, new Shape(1, 77)));
            assertEquals(new Shape(1, 77, spec.textHidden()), hidden.getShape());
            assertEquals(768, spec.textHidden(), "the stand-in keeps the real text width");
            assertEquals(REF.get("hiddenSum").asDouble(), hidden.toType(DataType.FLOAT64, false).sum().getDouble(), 1e-3);
            float[] h = hidden.get("0, :2, :4").toFloatArray();
            for (int i = 0; i < h.length; i++) {
                assertEquals(REF.get("hiddenFirst8").get(i).asDouble(), h[i], 1e-5);
            }
            NDArray latents = m.create(SamplerReferenceTest.floats(REF.get("latents")), new Shape(1, 4, 2, 2));
            NDArray control = m.create(SamplerReferenceTest.floats(REF.get("control")), new Shape(1, 3, 16, 16));
            NDArray noise = modules.denoise(latents, m.create(REF.get("timestep").asLong()), hidden, control,
                    m.create((float) REF.get("controlScale").asDouble()));
            SamplerReferenceTest.assertClose(REF.get("noisePred"), noise);
            NDArray image = m.create(SamplerReferenceTest.floats(REF.get("image")), new Shape(1, 3, 16, 16));
            SamplerReferenceTest.assertClose(REF.get("encoded"), modules.encodeImage(image));
            NDArray decoded = modules.decode(latents);
            assertEquals(new Shape(1, 3, 16, 16), decoded.getShape());
            SamplerReferenceTest.assertClose(REF.get("decodedFirst8"), decoded.get("0, 0, 0, :8"));
        }
    }

    @Test
    void fp16IsRefusedOffCudaWithTheReason() {
        // the stand-in ships fp16/ modules for bench/gpu-check.sh; CPU libtorch is not where half precision runs
        RendererSpec spec = RendererSpec.read(StandIn.folder());
        dev.caig.runtime.CaigException e = org.junit.jupiter.api.Assertions.assertThrows(dev.caig.runtime.CaigException.class,
                () -> new DiffusionModules(StandIn.folder(), spec, Device.cpu(), "fp16"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("fp16 needs a CUDA device"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.isRegularFile(StandIn.folder().resolve("fp16/denoiser.pt")));
    }

    @Test
    void importCheckAcceptsTheStandIn() {
        RendererSpec spec = DiffusionRenderers.check(StandIn.folder());
        assertEquals("caig-standin-sd15-canny", spec.name());
        assertEquals(512, spec.imageSize());
    }
}
