package dev.caig.runtime.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.market.SimulatedMarket;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.stage.CreativePairs;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.stage.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The reward-model part of {@code evaluate} alone, for comparing reward-model settings without training policies:
 * held-out pairs as in the report (accuracy, ceiling, accuracy against the true order) and fresh candidates (true
 * order accuracy, pick lift). Not a test: run by {@code bench/reward-probe.sh}.
 */
@Command(name = "RewardProbe", mixinStandardHelpOptions = true,
        description = "Held-out accuracy of a reward model on a simulated market, against observed and true CTRs.")
public final class RewardProbe implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The pipeline config the model was trained with.")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one setting, as the stage was run.")
    List<String> overrides = List.of();

    @Option(names = "--market", required = true, paramLabel = "DIR", description = "The market folder (local).")
    Path market;

    @Option(names = "--reward", required = true, paramLabel = "DIR", description = "The reward model folder (local).")
    Path reward;

    @Option(names = "--candidates", defaultValue = "8", paramLabel = "N", description = "Fresh candidates per held-out product.")
    int candidates;

    @Option(names = "--universal-candidates", defaultValue = "0", paramLabel = "N",
            description = "With N > 0, also universal's N random descriptions as the oracle and the reward model choose among them (evaluate's productCentricHeadroom).")
    int universalCandidates;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Result (JSON).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RewardProbe()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PipelineConfig settings = PipelineConfigLoader.withOverrides(PipelineConfigLoader.load(config), overrides);
        SimulatedMarket simulated = SimulatedMarket.load(market);
        TrainingData data = StageInputs.fromMarketFolder(market);
        ProductSplit split = ProductSplit.of(data.productIds(), settings.data().heldOutFraction(), settings.seed());
        Map<String, String> titles = new LinkedHashMap<>();
        data.products().forEach(p -> titles.put(p.id(), p.title()));
        Map<String, Object> result = new LinkedHashMap<>();
        try (RewardModel model = RewardModel.load(reward); AdRenderer renderer = new AdRenderer()) {
            result.put("heldOutPairs", RewardEvaluation.evaluate(model,
                    CreativePairs.build(data, split.heldOut(), settings.reward(), settings.seed() + 1), titles, simulated));
            result.put("freshCandidates", RewardPickQuality.evaluate(model, data.products(split.heldOut()), simulated,
                    renderer, settings.render().seed(), settings.render().size(), candidates, settings.seed()));
            if (universalCandidates > 0) {
                PolicyArms.Render render = (p, d) -> renderer.render(p.image(), d, settings.render().seed(),
                        settings.render().size());
                result.put("productCentricHeadroom", UniversalArm.pick(data.products(split.heldOut()), simulated, render,
                        universalCandidates, 1, settings.seed(), model).headroom());
            }
        }
        JSON.writeValue(out.toFile(), result);
        System.out.println(JSON.writeValueAsString(result));
        return 0;
    }
}
