package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.eval.RewardTestSet;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

@Command(name = "reward", mixinStandardHelpOptions = true, description = "Trains or evaluates the reward model.",
        subcommands = {RewardCommand.Train.class, RewardCommand.Eval.class})
final class RewardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train or eval");
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Trains the reward model on pairs of creatives from click logs.",
                    "Pairs: impressions > 1000, CTR ratio 1.05-1.20, by default; loss CE + 0.5 * MSE with CTRs in percent."})
    static final class Train implements Runnable {
        @Mixin
        StageOptions options;

        @Option(names = "--out", required = true, paramLabel = "URI", description = "Where the model goes.")
        String out;

        @Override
        public void run() {
            if (options.clickLog == null) {
                throw new CaigException("reward train needs --click-log: the pairs come from the click logs");
            }
            ArtifactUri target = ArtifactUri.parse(out);
            StageRunner.withContext(target, options.pipelineConfig(), Map.of(RewardStage.NAME, target), ctx -> {
                StageInputs.checkBeforeTraining(ctx, System.err);
                System.out.println(new RewardStage().run(ctx).metrics());
                return null;
            });
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Pairwise accuracy of a reward model on a test set in the paper's format ([{image, target}]).")
    static final class Eval implements Runnable {
        @Option(names = "--model", required = true, paramLabel = "URI", description = "The reward model.")
        String model;

        @Option(names = "--test-set", required = true, paramLabel = "FILE", description = "JSON list of {image: <left|right PNG>, target: left|right}.")
        Path testSet;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "reward-eval.json", description = "Where the result is written (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void run() {
            RewardTestSet.Result result = RewardTestSet.evaluate(ArtifactUri.parse(model), testSet, out);
            System.out.printf("accuracy %.4f on %d pairs (chance 0.5), written to %s%n", result.accuracy(), result.pairs(), out);
        }
    }
}
