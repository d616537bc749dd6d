package dev.caig.runtime.cli;

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

    @Override
    public void run() {
        ArtifactUri target = ArtifactUri.parse(out);
        Map<String, ArtifactUri> artifacts = Map.of(PretrainStage.NAME, ArtifactUri.parse(policy),
                RewardStage.NAME, ArtifactUri.parse(reward), FinetuneStage.PCPO, target);
        StageRunner.withContext(target, renderer.apply(options.pipelineConfig()), artifacts, ctx -> {
            System.out.println(FinetuneStage.pcpo().run(ctx).metrics());
            return null;
        });
    }
}
