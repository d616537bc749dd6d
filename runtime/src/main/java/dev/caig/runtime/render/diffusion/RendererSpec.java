package dev.caig.runtime.render.diffusion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code renderer.json}: what an exported diffusion renderer promises (tools/diffusion/caig_renderer_artifact.py
 * writes it). The one reader of the format: import, load and the benchmark all call {@link #read}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RendererSpec(String format, String name, int imageSize, int latentChannels, int latentDownsample,
                           int textLength, int textHidden, double scalingFactor, Scheduler scheduler, Tokens tokens,
                           Map<String, String> modules, String tokenizer) {

    public static final String FILE_NAME = "renderer.json";
    public static final String FORMAT = "caig-diffusion-renderer/1";
    /** The module roles of the contract, in the order import checks them. */
    public static final List<String> ROLES = List.of("textEncoder", "denoiser", "vaeEncoder", "vaeDecoder");

    /** The scheduler the checkpoint was trained with (its scheduler_config.json). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scheduler(int numTrainTimesteps, double betaStart, double betaEnd, String betaSchedule,
                            String predictionType, int stepsOffset) {
    }

    /** Token ids the prompt is framed with: bos + text + eos, padded with pad to textLength. */
    public record Tokens(long bos, long eos, long pad) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    /** Reads and checks {@code dir/renderer.json}; one-line errors name the file and the field. */
    public static RendererSpec read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        RendererSpec spec;
        try {
            spec = JSON.readValue(Files.readAllBytes(file), RendererSpec.class);
        } catch (NoSuchFileException e) {
            throw new CaigException(file + ": not found (a diffusion renderer folder holds renderer.json)");
        } catch (IOException e) {
            throw new CaigException(file + ": not a valid renderer.json: " + firstLine(e.getMessage()), e);
        }
        spec.check(file);
        return spec;
    }

    private void check(Path file) {
        require(FORMAT.equals(format), file, "format", "must be " + FORMAT + ", got " + format);
        require(imageSize > 0 && imageSize % 8 == 0, file, "imageSize", "must be a positive multiple of 8");
        require(latentChannels > 0, file, "latentChannels", "must be positive");
        require(latentDownsample > 0, file, "latentDownsample", "must be positive");
        require(textLength >= 3, file, "textLength", "must be at least 3");
        require(textHidden > 0, file, "textHidden", "must be positive");
        require(scalingFactor > 0, file, "scalingFactor", "must be positive");
        require(scheduler != null, file, "scheduler", "is missing");
        require(tokens != null, file, "tokens", "is missing");
        require(tokenizer != null && !tokenizer.isBlank(), file, "tokenizer", "is missing");
        require(modules != null, file, "modules", "is missing");
        for (String role : ROLES) {
            require(modules.get(role) != null && modules.get(role).endsWith(".pt"), file, "modules." + role,
                    "must name a .pt TorchScript file");
        }
        require("epsilon".equals(scheduler.predictionType()), file, "scheduler.predictionType",
                "only epsilon is supported, got " + scheduler.predictionType());
        require(List.of("scaled_linear", "linear").contains(scheduler.betaSchedule()), file, "scheduler.betaSchedule",
                "must be scaled_linear or linear, got " + scheduler.betaSchedule());
        require(scheduler.numTrainTimesteps() > 1, file, "scheduler.numTrainTimesteps", "must be > 1");
        require(scheduler.betaStart() > 0 && scheduler.betaEnd() > scheduler.betaStart() && scheduler.betaEnd() < 1,
                file, "scheduler.betaStart/betaEnd", "must satisfy 0 < betaStart < betaEnd < 1");
    }

    /** The latent side for an image side, which must be a multiple of the VAE's downsampling. */
    public int latentSize(int imageSide) {
        if (imageSide % latentDownsample != 0) {
            throw new CaigException("render size " + imageSide + " is not a multiple of " + latentDownsample
                    + " (the diffusion renderer's VAE downsampling)");
        }
        return imageSide / latentDownsample;
    }

    /** The TorchScript file of a role (its name without ".pt", as DJL's Model.load wants it). */
    public String moduleName(String role) {
        String file = modules.get(role);
        return file.substring(0, file.length() - 3);
    }

    private static void require(boolean ok, Path file, String field, String problem) {
        if (!ok) {
            throw new CaigException(file + ": " + field + " " + problem);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
