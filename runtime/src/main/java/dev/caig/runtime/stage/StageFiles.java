package dev.caig.runtime.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.pipeline.PipelineConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Small JSON helpers shared by the stages. */
final class StageFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StageFiles() {
    }

    static void writeJson(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }

    /** The pipeline config as a map, recorded in every manifest so an artifact says how it was made. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> configMap(PipelineConfig config) {
        return JSON.convertValue(config, Map.class);
    }
}
