package dev.caig.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step benchmark's output is what bench/steptime/prompt_model.py reads: check its shape, not its timings. */
class PromptModelStepBenchmarkTest {
    private static final String CONFIG = """
            seed: 3
            data: {market: {products: 6, creativesPerProduct: 4, seed: 3}}
            promptModel: {imageSize: 32, patchSize: 16, embedDim: 32, layers: 1, heads: 2, maxSeqLen: 64, maxAnswerTokens: 12}
            """;

    @Test
    void writesTimingsAndABatchWhoseShapesAddUpToTheParameterCount(@TempDir Path dir) throws Exception {
        PipelineConfig config = PipelineConfigLoader.parse(CONFIG, "test");
        Path batchFile = dir.resolve("batch.json");
        Map<String, Object> result = PromptModelStepBenchmark.run(config, 4, 1, 2, batchFile, null);

        assertEquals(2, result.get("steps"));
        assertEquals(1, ((List<?>) result.get("warmupCurve")).size());
        assertTrue((double) result.get("medianStepMs") > 0);
        JsonNode batch = new ObjectMapper().readTree(batchFile.toFile());
        long parameters = 0;
        for (JsonNode shape : batch.path("parameterShapes")) {
            long n = 1;
            for (JsonNode d : shape) {
                n *= d.asLong();
            }
            parameters += n;
        }
        assertEquals(((Number) result.get("parameters")).longValue(), parameters);
        int length = batch.path("sequenceLength").asInt();
        assertEquals(result.get("sequenceLength"), length);
        assertEquals(4L * length, batch.path("ids").size());
        assertEquals(4L * length, batch.path("slots").size());
        assertEquals(4L * length, batch.path("answerMask").size());
        assertEquals(32, batch.path("architecture").path("embedDim").asInt());
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Long> nanos = List.of(5_000_000L, 1_000_000L, 3_000_000L, 2_000_000L, 4_000_000L);
        assertEquals(3.0, StepTimes.percentileMs(nanos, 50));
        assertEquals(1.0, StepTimes.percentileMs(nanos, 10));
        assertEquals(5.0, StepTimes.percentileMs(nanos, 90));
    }

    @Test
    void warmUpCurveTakesTheMedianOfEachWindowAndCutsTheLastAtTheStepsRecorded() {
        StepTimes times = new StepTimes();
        long[] millis = {9, 8, 7, 3, 2, 4, 1};
        for (long ms : millis) {
            times.add(ms * 1_000_000L, Map.of());
        }
        List<Map<String, Object>> windows = times.windowMedians(3, 6, 10, 20);
        assertEquals(3, windows.size());
        assertEquals(Map.of("firstStep", 1, "lastStep", 3, "medianStepMs", 8.0), windows.get(0));
        assertEquals(Map.of("firstStep", 4, "lastStep", 6, "medianStepMs", 3.0), windows.get(1));
        assertEquals(Map.of("firstStep", 7, "lastStep", 7, "medianStepMs", 1.0), windows.get(2));
    }

    @Test
    void threadCpuSeesThisProcessesThreads() {
        Map<String, Object[]> before = ThreadCpu.snapshot();
        // Spin until this thread has used 200 ms of CPU, however loaded the machine is.
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = cpu.getCurrentThreadCpuTime() + 200_000_000L;
        long spin = 0;
        while (cpu.getCurrentThreadCpuTime() < end) {
            spin += System.nanoTime() % 7;
        }
        Map<String, Double> perStep = ThreadCpu.perStep(before, ThreadCpu.snapshot(), 1);
        assertTrue(spin > 0);
        assertTrue(perStep.values().stream().mapToDouble(Double::doubleValue).sum() >= 150, perStep.toString());
    }
}
