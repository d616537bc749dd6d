package dev.caig.runtime.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ImageFiles;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's reward-model test protocol: a JSON list of {@code {image, target}}, each image a left|right pair
 * PNG, target "left" or "right". Accuracy = share of pairs where the model's decision matches the target.
 */
public final class RewardTestSet {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One entry of the test set. */
    public record Entry(@JsonProperty("image") String image, @JsonProperty("target") String target) {
    }

    public record Result(@JsonProperty("accuracy") double accuracy, @JsonProperty("pairs") int pairs,
                         @JsonProperty("correct") int correct, @JsonProperty("chance") double chance,
                         @JsonProperty("model") String model, @JsonProperty("modelDigest") String modelDigest,
                         @JsonProperty("testSet") String testSet) {
    }

    /** Pair images decoded at once: 64 pairs of 1024x512 are about 130 MB. */
    static final int CHUNK = 64;

    private RewardTestSet() {
    }

    public static Result evaluate(ArtifactUri modelUri, Path testSet, Path out) {
        List<Entry> entries = read(testSet);
        try (ArtifactStore store = ArtifactStores.open()) {
            Path dir = Files.createTempDirectory("caig-reward-eval");
            ArtifactManifest manifest = store.fetch(modelUri, dir);
            try (RewardModel model = RewardModel.load(dir)) {
                Result result = score(model, entries, testSet, modelUri + "", manifest.digest());
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                JSON.writeValue(out.toFile(), result);
                return result;
            }
        } catch (IOException e) {
            throw new CaigException("reward eval: " + e.getMessage(), e);
        }
    }

    /** Scores the pairs a chunk at a time: only {@link #CHUNK} decoded pair images are in memory at once. */
    static Result score(RewardModel model, List<Entry> entries, Path testSet, String modelUri, String digest) {
        int correct = 0;
        try (Progress progress = Progress.start("reward eval", entries.size(), "pairs")) {
            for (int from = 0; from < entries.size(); from += CHUNK) {
                List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
                List<BufferedImage> pairs = new ArrayList<>();
                for (Entry e : chunk) {
                    pairs.add(ImageFiles.read(testSet.resolveSibling(e.image())));
                }
                float[][] logits = model.pairLogits(pairs);
                for (int i = 0; i < chunk.size(); i++) {
                    String decision = logits[i][0] >= logits[i][1] ? "left" : "right";
                    correct += decision.equals(chunk.get(i).target()) ? 1 : 0;
                }
                progress.advance(chunk.size());
            }
        }
        return new Result((double) correct / entries.size(), entries.size(), correct, 0.5, modelUri, digest, testSet.toString());
    }

    private static List<Entry> read(Path file) {
        List<Entry> entries;
        try {
            entries = JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new CaigException(file + ": not a reward test set (a JSON list of {image, target}): " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new CaigException(file + ": the test set is empty");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String target = e.target() == null ? null : e.target().toLowerCase(Locale.ROOT);
            if (e.image() == null) {
                problems.add("entry " + i + ": no image");
            } else if (!Files.isRegularFile(file.resolveSibling(e.image()))) {
                problems.add("entry " + i + ": image not found: " + e.image());
            }
            if (!"left".equals(target) && !"right".equals(target)) {
                problems.add("entry " + i + ": target must be 'left' or 'right', got " + e.target());
            }
        }
        if (!problems.isEmpty()) {
            throw new CaigException(file + ": " + problems.size() + " problems: " + String.join("; ", problems));
        }
        List<Entry> normalised = new ArrayList<>();
        entries.forEach(e -> normalised.add(new Entry(e.image(), e.target().toLowerCase(Locale.ROOT))));
        return normalised;
    }
}
