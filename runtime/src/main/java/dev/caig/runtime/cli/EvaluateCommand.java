package dev.caig.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.eval.EvaluateStage;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.stage.FinetuneStage;
import dev.caig.runtime.stage.PretrainStage;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code caig evaluate}: the pipeline's evaluate stage, run on its own against a trained pipeline or against
 * explicitly named models, e.g. after changing the evaluation settings with {@code --set evaluate.x=y}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates trained models on held-out products and writes the report as an artifact.",
                "Reward-model accuracy (ceiling, chance, true order) and, on a simulated market, an A/B test of",
                "random, pre-trained, DPO, PCPO and oracle descriptions (CTR, lift, CI95, p-value, match rate).",
                "Writes report.json, report.md, figures and a contact sheet. Give a trained pipeline (--pipeline),",
                "or each model."})
final class EvaluateCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--pipeline", paramLabel = "URI", description = "A trained pipeline's root (its --out, e.g. s3://caig/quickstart): "
            + "the models are read from <URI>/market, pretrain, reward, pcpo and dpo.")
    String pipeline;

    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline config (default: the one recorded in the policy's manifest).")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one setting, e.g. --set evaluate.impressionsPerArm=50000 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "URI", description = "The fine-tuned (PCPO) prompt model (default: <pipeline>/pcpo).")
    String policy;

    @Option(names = "--reference", paramLabel = "URI", description = "The pre-trained prompt model (default: <pipeline>/pretrain).")
    String reference;

    @Option(names = "--dpo", paramLabel = "URI", description = "The DPO ablation, an optional arm (default: <pipeline>/dpo when it exists).")
    String dpo;

    @Option(names = "--reward", paramLabel = "URI", description = "The reward model (default: <pipeline>/reward).")
    String reward;

    @Option(names = "--market", paramLabel = "URI", description = "The simulated market, for a config with data.market (default: <pipeline>/market).")
    String market;

    @Option(names = "--out", paramLabel = "URI", description = "Where the evaluation goes (default: <pipeline>/evaluate; required without --pipeline).")
    String out;

    @Option(names = "--force", description = "Replace an evaluation that already exists at --out.")
    boolean force;

    @Option(names = "--export", paramLabel = "DIR", description = "Copy the report here as well (default: out/<name>).")
    Path export;

    @CommandLine.Mixin
    RendererOption renderer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (pipeline == null && (policy == null || reference == null || reward == null || out == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --pipeline URI, or all of --policy, --reference, --reward and --out (and --market for a simulated market)");
        }
        ArtifactUri root = pipeline != null ? ArtifactUri.parse(pipeline) : ArtifactUri.parse(out);
        ArtifactUri target = out != null ? ArtifactUri.parse(out) : root.resolve(EvaluateStage.NAME);
        Map<String, ArtifactUri> artifacts = explicitArtifacts(target);
        try (ArtifactStore store = ArtifactStores.open()) {
            evaluate(store, root, target, artifacts);
        }
    }

    private void evaluate(ArtifactStore store, ArtifactUri root, ArtifactUri target, Map<String, ArtifactUri> artifacts) {
        PipelineConfig settings = settings(store, root, artifacts);
        StageRunner.withContext(store, root, settings, artifacts, ctx -> {
            Map<String, ArtifactUri> missing = EvaluateStage.missingInputs(ctx);
            if (!missing.isEmpty()) {
                throw new CaigException("evaluate: no artifact (no " + ArtifactManifest.FILE_NAME + ") for "
                        + EvaluateStage.describe(missing) + "; train them first (caig pipeline) or name them with "
                        + "--market, --reference, --reward and --policy");
            }
            if (!force && ctx.store().exists(target)) {
                throw new CaigException("evaluate: " + target + " already holds an evaluation; pass --force to replace it"
                        + " or --out to write elsewhere");
            }
            ArtifactManifest manifest = new EvaluateStage().run(ctx);
            Path copy = export != null ? export : Path.of("out", settings.name());
            ctx.store().fetch(target, copy);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("metrics: " + manifest.metrics());
            stdout.println("report: " + copy.resolve(EvaluateStage.REPORT_MD).toAbsolutePath());
            stdout.println("artifact: " + target);
            stdout.flush();
            return null;
        });
    }

    /** The models named by flags; a stage without a flag is read from the pipeline (or the config's fromArtifact). */
    private Map<String, ArtifactUri> explicitArtifacts(ArtifactUri target) {
        Map<String, ArtifactUri> artifacts = new LinkedHashMap<>();
        artifacts.put(EvaluateStage.NAME, target);
        putIfGiven(artifacts, StageInputs.MARKET, market);
        putIfGiven(artifacts, PretrainStage.NAME, reference);
        putIfGiven(artifacts, RewardStage.NAME, reward);
        putIfGiven(artifacts, FinetuneStage.PCPO, policy);
        putIfGiven(artifacts, FinetuneStage.DPO, dpo);
        return artifacts;
    }

    private static void putIfGiven(Map<String, ArtifactUri> artifacts, String stage, String uri) {
        if (uri != null) {
            artifacts.put(stage, ArtifactUri.parse(uri));
        }
    }

    /**
     * The config file, or else the config the policy was trained with (recorded in its manifest), with the --set
     * overrides. Without a pipeline and without --dpo there is no DPO arm to look for.
     */
    private PipelineConfig settings(ArtifactStore store, ArtifactUri root, Map<String, ArtifactUri> artifacts) {
        PipelineConfig base = config != null ? PipelineConfigLoader.load(config) : recordedConfig(store,
                artifacts.getOrDefault(FinetuneStage.PCPO, root.resolve(FinetuneStage.PCPO)));
        List<String> all = new ArrayList<>();
        if (pipeline == null && dpo == null) {
            all.add("evaluate.ablation=false");
        }
        all.addAll(overrides);
        return renderer.apply(PipelineConfigLoader.withOverrides(base, all));
    }

    private static PipelineConfig recordedConfig(ArtifactStore store, ArtifactUri policyUri) {
        Map<String, Object> recorded = store.manifest(policyUri).orElseThrow(() -> new CaigException("evaluate: no policy at "
                + policyUri + " (no " + ArtifactManifest.FILE_NAME + "), so no recorded config either; train it first,"
                + " or pass --policy URI and --config FILE")).config();
        if (recorded.isEmpty()) {
            throw new CaigException("evaluate: " + policyUri + "/" + ArtifactManifest.FILE_NAME
                    + " records no pipeline config; pass --config FILE");
        }
        // A manifest's config is the pipeline config plus provenance (e.g. the fine-tuned model's pretrainedModel).
        Map<String, Object> pipelineFields = new LinkedHashMap<>();
        for (RecordComponent field : PipelineConfig.class.getRecordComponents()) {
            if (recorded.containsKey(field.getName())) {
                pipelineFields.put(field.getName(), recorded.get(field.getName()));
            }
        }
        try {
            return PipelineConfigLoader.parse(JSON.writeValueAsString(pipelineFields),
                    policyUri + "/" + ArtifactManifest.FILE_NAME + " config");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
