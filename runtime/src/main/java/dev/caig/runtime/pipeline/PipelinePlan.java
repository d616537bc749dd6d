package dev.caig.runtime.pipeline;

import dev.caig.runtime.eval.EvaluateStage;
import dev.caig.runtime.stage.FinetuneStage;
import dev.caig.runtime.market.MarketStage;
import dev.caig.runtime.stage.PretrainStage;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.stage.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages a config asks for, in dependency waves: market -> {pretrain, reward} -> {pcpo, dpo} -> evaluate.
 * Stages of one wave do not depend on each other (the operator runs them as parallel Jobs). A stage with
 * {@code fromArtifact} set is not run: its artifact is taken as given.
 */
public final class PipelinePlan {
    private PipelinePlan() {
    }

    public static List<List<Stage>> waves(PipelineConfig config) {
        List<List<Stage>> waves = new ArrayList<>();
        if (config.data().simulated()) {
            waves.add(List.of(new MarketStage()));
        }
        List<Stage> models = new ArrayList<>();
        if (config.pretrain().fromArtifact() == null) {
            models.add(new PretrainStage());
        }
        if (config.reward().fromArtifact() == null) {
            models.add(new RewardStage());
        }
        if (!models.isEmpty()) {
            waves.add(models);
        }
        List<Stage> finetune = new ArrayList<>();
        if (config.pcpo().fromArtifact() == null) {
            finetune.add(FinetuneStage.pcpo());
        }
        if (config.evaluate().enabled() && config.evaluate().ablation()) {
            finetune.add(FinetuneStage.dpoAblation());
        }
        if (config.evaluate().enabled() && config.evaluate().bestOfN()) {
            finetune.add(FinetuneStage.bestOfN());
        }
        if (!finetune.isEmpty()) {
            waves.add(finetune);
        }
        if (config.evaluate().enabled()) {
            waves.add(List.of(new EvaluateStage()));
        }
        return waves;
    }

    public static List<Stage> stages(PipelineConfig config) {
        return waves(config).stream().flatMap(List::stream).toList();
    }
}
