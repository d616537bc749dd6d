package dev.caig.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.eval.EvaluateStage;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.render.diffusion.StandIn;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny pipeline whose PCPO sampling and evaluation render with the diffusion back end (the stand-in, 32 px,
 * 3 steps): the renderer is fetched from the store, and the fine-tuned model and the evaluation record which one.
 */
class DiffusionPipelineTest {

    @Test
    void pcpoAndEvaluateRenderWithTheConfiguredDiffusionRenderer(@TempDir Path dir) throws Exception {
        StoreSettings settings = StoreSettings.from(Map.of()).withLocalStoreDir(dir.resolve("store"));
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            ArtifactUri rendererUri = ArtifactUri.parse("s3://caig/renderers/standin");
            ArtifactManifest renderer = store.publish(StandIn.folder(), rendererUri, DiffusionRenderers.KIND, "test",
                    Map.of(), Map.of());
            PipelineConfig config = PipelineConfigLoader.parse(TinyPipelineTest.CONFIG.replace("render: {size: 64}",
                    "render: {size: 32, backend: diffusion, model: " + rendererUri + ", steps: 3, sampler: euler-ancestral,"
                            + " batchSize: 8}").replace("iterations: 2", "iterations: 1"), "tiny-diffusion");
            StageContext ctx = new StageContext(store, ArtifactUri.parse("s3://caig/tiny-diffusion"), config, dir.resolve("work"));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Map<String, ArtifactManifest> done = new PipelineRunner(new PrintStream(log)).run(ctx, null, false);

            @SuppressWarnings("unchecked")
            Map<String, Object> used = (Map<String, Object>) done.get("pcpo").config().get("renderer");
            assertEquals("diffusion", used.get("backend"), done.get("pcpo").config().toString());
            assertEquals(renderer.digest(), used.get("digest"));
            assertEquals("euler-ancestral", used.get("sampler"));
            assertEquals(3, ((Number) used.get("steps")).intValue());
            assertTrue(((Number) done.get("pcpo").metrics().get("iterations")).intValue() == 1);

            Path report = dir.resolve("report");
            store.fetch(ctx.artifact(EvaluateStage.NAME), report);
            JsonNode json = new ObjectMapper().readTree(report.resolve(EvaluateStage.REPORT_JSON).toFile());
            assertEquals(renderer.digest(), json.path("renderer").path("digest").asText());
            List<String> arms = new ArrayList<>();
            json.path("ab").path("arms").forEach(arm -> arms.add(arm.path("name").asText()));
            assertTrue(arms.containsAll(List.of("pretrained", "pcpo", "universal", "pretrained-reranked", "pcpo-reranked")),
                    "every arm, reranked ones included, is rendered with diffusion: " + arms);
        }
    }
}
