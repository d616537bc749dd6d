package dev.caig.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing benchmark results. */
final class BenchFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchFiles() {
    }

    static void writeJson(Path file, Object value) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new CaigException(file + ": cannot write benchmark result: " + e.getMessage(), e);
        }
    }

    static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
