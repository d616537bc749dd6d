package dev.caig.runtime.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Progress saved with a checkpoint: how many epochs (or PCPO iterations) are complete and the metrics of each,
 * so a resumed run reports the whole history.
 *
 * @param completed number of completed epochs or iterations
 * @param history   metrics per completed epoch or iteration, in order
 */
public record TrainingState(@JsonProperty("completed") int completed,
                            @JsonProperty("history") List<Map<String, Double>> history) {
    public static final String FILE = "training-state.json";
    private static final String OPTIMIZER_FILE = "optimizer.ndlist";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static TrainingState start() {
        return new TrainingState(0, List.of());
    }

    public TrainingState next(Map<String, Double> metrics) {
        List<Map<String, Double>> h = new ArrayList<>(history);
        h.add(metrics);
        return new TrainingState(completed + 1, List.copyOf(h));
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    public static TrainingState read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), TrainingState.class);
    }

    public static void writeOptimizer(Path dir, AdamW optimizer) throws IOException {
        Files.write(dir.resolve(OPTIMIZER_FILE), optimizer.state().encode());
    }

    public static void readOptimizer(Path dir, AdamW optimizer, NDManager manager) throws IOException {
        try (NDManager scratch = manager.newSubManager()) {
            optimizer.restore(NDList.decode(scratch, Files.readAllBytes(dir.resolve(OPTIMIZER_FILE))));
        }
    }

    /** The last value of a metric, or NaN when there is no history. */
    public double last(String metric) {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).getOrDefault(metric, Double.NaN);
    }
}
