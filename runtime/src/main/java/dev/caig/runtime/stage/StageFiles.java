package dev.caig.runtime.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;

/** Small JSON helpers shared by the stages. */
final class StageFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StageFiles() {
    }

    static void writeJson(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }
}
