package dev.caig.runtime.render.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schedulers and guidance against the numbers make_standin.py computed in PyTorch (float64), to 1e-5. */
class SamplerReferenceTest {
    private static final double TOL = 1e-5;
    private static final JsonNode REF = StandIn.reference();
    private static final RendererSpec SPEC = RendererSpec.read(StandIn.folder());
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void timestepsAndAlphasMatchTheReference() {
        int steps = REF.get("steps").asInt();
        int[] ts = Sampler.leadingTimesteps(SPEC.scheduler(), steps);
        NoiseSchedule schedule = new NoiseSchedule(SPEC.scheduler());
        for (int i = 0; i < steps; i++) {
            assertEquals(REF.get("timesteps").get(i).asInt(), ts[i]);
            assertEquals(REF.get("alphasCumprod").get(i).asDouble(), schedule.alphaCumprod(ts[i]), 1e-12);
        }
        EulerAncestralSampler euler = new EulerAncestralSampler(SPEC.scheduler(), schedule, steps);
        for (int i = 0; i <= steps; i++) {
            assertEquals(REF.get("eulerSigmas").get(i).asDouble(), euler.sigma(i), 1e-9);
        }
        assertEquals(REF.get("eulerInitNoiseSigma").asDouble(), euler.initNoiseSigma(), 1e-9);
        assertEquals(REF.get("finalAlphaCumprod").asDouble(),
                new DdimSampler(SPEC.scheduler(), schedule, steps, 0).alphaBefore(ts[steps - 1]), 1e-12);
    }

    @Test
    void ddimStepWithEtaMatchesTheReference() {
        DdimSampler ddim = ddim(REF.get("ddimStep").get("eta").asDouble());
        NDArray out = ddim.step(array("x"), array("eps"), REF.get("ddimStep").get("index").asInt(), array("noise"));
        assertClose(REF.get("ddimStep").get("out"), out);
    }

    @Test
    void lastDdimStepUsesTheFinalAlphaAndNoNoise() {
        DdimSampler ddim = ddim(0);
        NDArray out = ddim.step(array("x"), array("eps"), REF.get("ddimLastStep").get("index").asInt(), null);
        assertClose(REF.get("ddimLastStep").get("out"), out);
    }

    @Test
    void eulerAncestralStepMatchesTheReference() {
        EulerAncestralSampler euler = new EulerAncestralSampler(SPEC.scheduler(), new NoiseSchedule(SPEC.scheduler()),
                REF.get("steps").asInt());
        NDArray out = euler.step(array("x"), array("eps"), REF.get("eulerAncestralStep").get("index").asInt(), array("noise"));
        assertClose(REF.get("eulerAncestralStep").get("out"), out);
    }

    @Test
    void addNoiseMatchesTheReferenceForBothSamplers() {
        int steps = REF.get("steps").asInt();
        NoiseSchedule schedule = new NoiseSchedule(SPEC.scheduler());
        assertClose(REF.get("addNoiseDdim").get("out"),
                ddim(0).noiseTo(array("x"), array("noise"), REF.get("addNoiseDdim").get("index").asInt()));
        assertClose(REF.get("addNoiseEuler").get("out"), new EulerAncestralSampler(SPEC.scheduler(), schedule, steps)
                .noiseTo(array("x"), array("noise"), REF.get("addNoiseEuler").get("index").asInt()));
    }

    @Test
    void classifierFreeGuidanceMatchesTheReference() {
        NDArray out = Guidance.combine(array("uncond"), array("eps"), REF.get("cfg").get("guidance").asDouble());
        assertClose(REF.get("cfg").get("out"), out);
    }

    @Test
    void guidanceOneIsTheConditionalPrediction() {
        assertClose(REF.get("eps"), Guidance.combine(array("uncond"), array("eps"), 1.0));
        assertEquals(false, Guidance.needsUnconditional(1.0));
    }

    private DdimSampler ddim(double eta) {
        return new DdimSampler(SPEC.scheduler(), new NoiseSchedule(SPEC.scheduler()), REF.get("steps").asInt(), eta);
    }

    private static NDArray array(String field) {
        return manager.create(floats(REF.get(field)), new Shape(1, 4, 2, 2));
    }

    static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    static void assertClose(JsonNode expected, NDArray actual) {
        float[] got = actual.toFloatArray();
        assertEquals(expected.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected.get(i).asDouble(), got[i], TOL, "element " + i);
        }
    }
}
