package dev.caig.runtime.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.caig.runtime.market.MarketProduct;
import dev.caig.runtime.market.ProductFactory;
import dev.caig.runtime.model.EncodedPrompt;
import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.PolicyInput;
import dev.caig.runtime.model.PromptEncoder;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.PromptModelConfig;
import dev.caig.runtime.model.SequenceScores;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.stage.PretrainExamples;
import dev.caig.runtime.text.DescriptionGrammar;
import dev.caig.runtime.text.Vocabulary;
import dev.caig.runtime.train.AdamW;
import dev.caig.runtime.train.LearningRateSchedule;
import dev.caig.runtime.train.PromptExample;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Step time of the prompt model's pre-training step on DJL: forward, answer cross-entropy, backward and our AdamW
 * (clip 1.0, weight decay 0.01), exactly as {@code PretrainTrainer} runs it, on one fixed batch of real pre-training
 * examples at a pipeline config's sizes. Writes the timings and, for {@code bench/steptime/prompt_model.py}, the
 * batch (token ids, image slots, answer mask) and every parameter's shape, so that PyTorch eager runs the same
 * architecture on the same batch. Not a test: run by {@code bench/steptime.sh}.
 */
@Command(name = "PromptModelStepBenchmark", mixinStandardHelpOptions = true,
        description = "Times the prompt model's training step on DJL and writes the batch for the PyTorch reference.")
public final class PromptModelStepBenchmark implements Callable<Integer> {
    /** Where the warm-up curve's windows end: the same in bench/steptime/prompt_model.py. */
    static final int[] WARMUP_WINDOWS = {10, 30, 100, 200, 500, 1000, 2000};

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline config: promptModel sizes, pretrain.batchSize.")
    Path config;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: the config's pretrain.batchSize).")
    Integer batch;

    @Option(names = "--warmup", defaultValue = "500", paramLabel = "N", description = "Steps before the timed ones, "
            + "while the JVM compiles the hot code; their times are reported as a warm-up curve (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "40", paramLabel = "N", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Timings (JSON).")
    Path out;

    @Option(names = "--batch-out", paramLabel = "FILE", description = "The batch and parameter shapes for the PyTorch reference (JSON).")
    Path batchOut;

    @Option(names = "--profile", paramLabel = "FILE", description = "Also write PyTorch's profiler trace of the timed steps "
            + "(Chrome trace JSON; the profiler slows the steps, so their times are not reported).")
    Path profile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PromptModelStepBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PipelineConfig pipeline = PipelineConfigLoader.load(config);
        int batchSize = batch != null ? batch : pipeline.pretrain().batchSize();
        Map<String, Object> result = run(pipeline, batchSize, warmup, steps, batchOut, profile);
        result.put("config", config.toString());
        BenchFiles.writeJson(out, result);
        System.out.printf("djl: %d parameters, batch %d x %s tokens, %d threads: median step %.1f ms "
                        + "(forward+loss %.1f, backward %.1f, optimizer %.1f; CPU %.1f, %.1f, %.1f)%n",
                result.get("parameters"), batchSize, result.get("sequenceLength"), result.get("threads"),
                result.get("medianStepMs"), phase(result, "forwardLoss"), phase(result, "backward"), phase(result, "optimizer"),
                phase(result, "forwardLossCpu"), phase(result, "backwardCpu"), phase(result, "optimizerCpu"));
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static double phase(Map<String, Object> result, String name) {
        return ((Map<String, Double>) result.get("medianPhaseMs")).get(name);
    }

    /** Builds the model and batch, times the steps; returns the result map (and writes the batch when asked). */
    static Map<String, Object> run(PipelineConfig pipeline, int batchSize, int warmup, int steps, Path batchOut,
                                   Path profile) {
        PipelineConfig.PromptModelSettings m = pipeline.promptModel();
        List<PromptExample> examples = examples(pipeline, batchSize);
        Vocabulary vocabulary = vocabulary(pipeline);
        PromptModelConfig architecture = new PromptModelConfig(vocabulary.size(), m.imageSize(), m.patchSize(),
                m.embedDim(), m.layers(), m.heads(), m.maxSeqLen());
        try (PromptModel model = PromptModel.create(architecture, vocabulary, m.maxAnswerTokens(), pipeline.seed())) {
            List<EncodedPrompt> sequences = new ArrayList<>();
            List<float[]> images = new ArrayList<>();
            for (PromptExample e : examples) {
                sequences.add(model.encoder().encode(e.instruction(), e.answer()));
                images.add(e.image());
            }
            AdamW optimizer = new AdamW(model.block(), model.manager(),
                    LearningRateSchedule.constant(pipeline.pretrain().learningRate()), 0.01f, 1f);
            ParameterStore ps = new ParameterStore(model.manager(), false);
            StepTimes times = new StepTimes();
            StepTimes warmupTimes = new StepTimes();
            for (int i = 0; i < warmup; i++) {
                step(model, ps, optimizer, sequences, images, warmupTimes);
            }
            if (profile != null) {
                JniUtils.startProfile(false, true, false);
            }
            long cpuStart = processCpuNanos();
            Map<String, Object[]> threadsBefore = ThreadCpu.snapshot();
            for (int i = 0; i < steps; i++) {
                step(model, ps, optimizer, sequences, images, times);
            }
            long cpu = processCpuNanos() - cpuStart;
            Map<String, Double> cpuByThread = ThreadCpu.perStep(threadsBefore, ThreadCpu.snapshot(), steps);
            if (profile != null) {
                JniUtils.stopProfile(profile.toAbsolutePath().toString());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("engine", "DJL " + Engine.getDjlVersion() + " / PyTorch " + Engine.getEngine("PyTorch").getVersion());
            result.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", -1));
            result.put("interopThreads", Integer.getInteger("ai.djl.pytorch.num_interop_threads", -1));
            result.put("architecture", architecture);
            result.put("batch", batchSize);
            result.put("sequenceLength", sequences.stream().mapToInt(EncodedPrompt::length).max().orElse(0));
            List<long[]> shapes = parameterShapes(model);
            result.put("parameters", shapes.stream().mapToLong(BenchFiles::product).sum());
            result.put("parameterTensors", shapes.size());
            result.put("warmupSteps", warmup);
            result.put("warmupCurve", warmupTimes.windowMedians(WARMUP_WINDOWS));
            result.putAll(times.summary());
            // CPU time of the whole process (GC and JIT included) per step: less disturbed by other jobs than wall time.
            result.put("meanCpuMsPerStep", Math.round(cpu / 1e4 / steps) / 100.0);
            result.put("cpuMsPerStepByThread", cpuByThread);
            if (batchOut != null) {
                BenchFiles.writeJson(batchOut, batchSpec(architecture, m.maxAnswerTokens(), pipeline, sequences, shapes));
            }
            return result;
        }
    }

    /** One pre-training step as PretrainTrainer runs it: inputs in a scratch manager, forward, loss, backward, AdamW. */
    private static void step(PromptModel model, ParameterStore ps, AdamW optimizer, List<EncodedPrompt> sequences,
                             List<float[]> images, StepTimes times) {
        int size = model.config().imageSize();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long forwardDone;
        long forwardCpu;
        long backwardDone;
        long backwardCpu;
        try (NDManager scratch = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList encoded = PromptEncoder.batch(scratch, sequences, 0);
            NDArray logits = model.logits(ps, encoded.get(0), ImageTensors.batch(scratch, images, size, size), encoded.get(1), true);
            NDArray loss = SequenceScores.answerCrossEntropy(logits, encoded.get(0), encoded.get(2));
            forwardDone = System.nanoTime();
            forwardCpu = cpu.getCurrentThreadCpuTime();
            gc.backward(loss);
            backwardDone = System.nanoTime();
            backwardCpu = cpu.getCurrentThreadCpuTime();
        }
        optimizer.step();
        long end = System.nanoTime();
        long endCpu = cpu.getCurrentThreadCpuTime();
        if (times != null) {
            // Wall time per phase, and this thread's CPU time per phase (with one intra-op thread, PyTorch runs every
            // op on the calling thread): the CPU figures are less disturbed by other jobs on the machine.
            times.add(end - start, Map.of("forwardLoss", forwardDone - start, "backward", backwardDone - forwardDone,
                    "optimizer", end - backwardDone, "forwardLossCpu", forwardCpu - cpuStart,
                    "backwardCpu", backwardCpu - forwardCpu, "optimizerCpu", endCpu - backwardCpu));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The first examples of pre-training epoch 0 on the config's simulated products: real sequence lengths. */
    static List<PromptExample> examples(PipelineConfig pipeline, int batchSize) {
        int size = pipeline.promptModel().imageSize();
        ProductFactory factory = new ProductFactory(pipeline.seed());
        List<PretrainExamples.Source> sources = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            MarketProduct p = factory.create(i);
            sources.add(new PretrainExamples.Source(PolicyInput.of(p.image(), size), p.title()));
        }
        return new PretrainExamples(sources, 1, pipeline.seed()).epoch(0).subList(0, batchSize);
    }

    /** The vocabulary pre-training builds for the config's market (titles of all its products, grammar words). */
    static Vocabulary vocabulary(PipelineConfig pipeline) {
        int products = pipeline.data().simulated() ? pipeline.data().market().products() : 64;
        long seed = pipeline.data().simulated() ? pipeline.data().market().seed() : pipeline.seed();
        ProductFactory factory = new ProductFactory(seed);
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            titles.add(factory.create(i).title());
        }
        return Vocabulary.build(PretrainExamples.vocabularyTexts(titles, DescriptionGrammar.words()), 1);
    }

    private static List<long[]> parameterShapes(PromptModel model) {
        List<long[]> shapes = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            shapes.add(p.getValue().getArray().getShape().getShape());
        }
        return shapes;
    }

    private static Map<String, Object> batchSpec(PromptModelConfig architecture, int maxAnswerTokens, PipelineConfig pipeline,
                                                 List<EncodedPrompt> sequences, List<long[]> shapes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList encoded = PromptEncoder.batch(manager, sequences, 0);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("architecture", architecture);
            spec.put("maxAnswerTokens", maxAnswerTokens);
            spec.put("learningRate", pipeline.pretrain().learningRate());
            spec.put("weightDecay", 0.01);
            spec.put("maxGradNorm", 1.0);
            spec.put("batch", sequences.size());
            spec.put("sequenceLength", encoded.get(0).getShape().get(1));
            spec.put("ids", encoded.get(0).toLongArray());
            spec.put("slots", encoded.get(1).toLongArray());
            spec.put("answerMask", encoded.get(2).toFloatArray());
            spec.put("parameterShapes", shapes);
            return spec;
        }
    }
}
