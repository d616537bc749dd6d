package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.stage.FinetuneStage;
import dev.caig.runtime.stage.PretrainStage;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"PCPO fine-tuning of a pre-trained prompt model against a reward model.",
                "Full fine-tuning of the decoder (not LoRA); vision tower and projector frozen. --set pcpo.pcpoWeight=0 is plain DPO."})
final class FinetuneCommand implements Runnable {
    @Mixin
    StageOptions options;

    @Option(names = "--policy", required = true, paramLabel = "URI", description = "The pre-trained prompt model (also the fixed reference).")
    String policy;

    @Option(names = "--reward", required = true, paramLabel = "URI", description = "The reward model.")
    String reward;

    @picocli.CommandLine.Mixin
    RendererOption renderer;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "Where the fine-tuned model goes.")
    String out;

    @Option(names = "--method", paramLabel = "M", defaultValue = FinetuneStage.PCPO,
            description = "pcpo (default), dpo (the same loop without the product-centric term) or best-of-n (fine-tuned"
                    + " on the reward model's rank-1 samples alone, the baseline PCPO must beat); all read the pcpo settings.")
    String method;

    @Override
    public void run() {
        FinetuneStage stage = switch (method) {
            case FinetuneStage.PCPO -> FinetuneStage.pcpo();
            case FinetuneStage.DPO -> FinetuneStage.dpoAblation();
            case FinetuneStage.BEST_OF_N -> FinetuneStage.bestOfN();
            default -> throw new CaigException("finetune --method must be " + FinetuneStage.PCPO + ", " + FinetuneStage.DPO
                    + " or " + FinetuneStage.BEST_OF_N + ", not '" + method + "'");
        };
        ArtifactUri target = ArtifactUri.parse(out);
        Map<String, ArtifactUri> artifacts = Map.of(PretrainStage.NAME, ArtifactUri.parse(policy),
                RewardStage.NAME, ArtifactUri.parse(reward), stage.name(), target);
        StageRunner.withContext(target, renderer.apply(options.pipelineConfig()), artifacts, ctx -> {
            System.out.println(stage.run(ctx).metrics());
            return null;
        });
    }
}
