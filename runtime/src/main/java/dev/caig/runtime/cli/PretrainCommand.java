package dev.caig.runtime.cli;

import dev.caig.runtime.stage.PretrainStage;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pre-trains the prompt model on a catalog (next-token loss on answers over the three task families).")
final class PretrainCommand implements Runnable {
    @Mixin
    StageOptions options;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "Where the model goes (s3://... or a folder).")
    String out;

    @Override
    public void run() {
        ArtifactUri target = ArtifactUri.parse(out);
        StageRunner.withContext(target, options.pipelineConfig(), Map.of(PretrainStage.NAME, target), ctx -> {
            System.out.println(new PretrainStage().run(ctx).metrics());
            return null;
        });
    }
}
