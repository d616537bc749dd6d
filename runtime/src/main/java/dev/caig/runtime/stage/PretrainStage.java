package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.model.PolicyInput;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.PromptModelConfig;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.text.DescriptionGrammar;
import dev.caig.runtime.text.InstructionTemplates;
import dev.caig.runtime.text.Vocabulary;
import dev.caig.runtime.train.PretrainTrainer;
import dev.caig.runtime.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage {@code pretrain}: builds the vocabulary, pre-trains the prompt model on the training products, and
 * publishes it to {@code <root>/pretrain/} with its loss history and sample generations.
 */
public final class PretrainStage implements Stage {
    public static final String NAME = "pretrain";
    private static final int SAMPLE_COUNT = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactManifest run(StageContext ctx) {
        PipelineConfig config = ctx.config();
        PipelineConfig.PromptModelSettings m = config.promptModel();
        PipelineConfig.Pretrain settings = config.pretrain();
        TrainingData data = StageInputs.load(ctx);
        ProductSplit split = StageInputs.split(ctx, data);
        List<TrainingData.Product> products = data.products(split.training());

        List<PretrainExamples.Source> sources = new ArrayList<>();
        for (TrainingData.Product p : products) {
            sources.add(new PretrainExamples.Source(PolicyInput.of(p.image(), m.imageSize()), p.title()));
        }
        Vocabulary vocabulary = Vocabulary.build(PretrainExamples.vocabularyTexts(
                data.products().stream().map(TrainingData.Product::title).toList(), DescriptionGrammar.words()), 1);
        PromptModelConfig architecture = new PromptModelConfig(vocabulary.size(), m.imageSize(), m.patchSize(),
                m.embedDim(), m.layers(), m.heads(), m.maxSeqLen());
        PretrainExamples examples = new PretrainExamples(sources, settings.examplesPerProduct(), config.seed());

        try (PromptModel model = PromptModel.create(architecture, vocabulary, m.maxAnswerTokens(), config.seed());
             Progress progress = ctx.progress(NAME, settings.epochs(), "epoch")) {
            TrainingState state = new PretrainTrainer(model,
                    new PretrainTrainer.Settings(settings.epochs(), settings.batchSize(), settings.learningRate(), config.seed()),
                    ctx.checkpoints(NAME, "epoch", settings.epochs())).train(examples::epoch, progress);
            Path out = ctx.newDir(NAME);
            model.save(out);
            StageFiles.writeJson(out.resolve("history.json"), state.history());
            List<String> samples = sampleDescriptions(model, sources, config.seed());
            StageFiles.writeJson(out.resolve("samples.json"), samples);
            Map<String, Number> metrics = new LinkedHashMap<>();
            metrics.put("loss", state.last("loss"));
            metrics.put("epochs", state.completed());
            metrics.put("trainingProducts", products.size());
            metrics.put("vocabularySize", vocabulary.size());
            metrics.put("sampleDistinctRate", (double) new HashSet<>(samples).size() / Math.max(1, samples.size()));
            metrics.put("sampleGrammarWordRate", grammarWordRate(samples));
            return ctx.publish(NAME, out, "prompt-model", config.asMap(), metrics);
        } catch (IOException e) {
            throw new CaigException("pretrain: cannot write the model: " + e.getMessage(), e);
        }
    }

    private static List<String> sampleDescriptions(PromptModel model, List<PretrainExamples.Source> sources, long seed) {
        List<float[]> images = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        long[] seeds = new long[Math.min(SAMPLE_COUNT, sources.size() * 2)];
        for (int i = 0; i < seeds.length; i++) {
            PretrainExamples.Source s = sources.get(i % sources.size());
            images.add(s.image());
            instructions.add(InstructionTemplates.backgroundFor(s.title()));
            seeds[i] = seed + i;
        }
        return model.generate(images, instructions, new SamplingOptions(1.0, 1.0, model.encoder().maxAnswerTokens()), seeds);
    }

    private static double grammarWordRate(List<String> samples) {
        var grammar = DescriptionGrammar.words();
        long known = 0;
        long total = 0;
        for (String s : samples) {
            for (String w : Vocabulary.split(s)) {
                if (w.length() == 1 && ",.:".contains(w)) {
                    continue;
                }
                total++;
                known += grammar.contains(w) ? 1 : 0;
            }
        }
        return total == 0 ? 0 : (double) known / total;
    }
}
