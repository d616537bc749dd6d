package dev.caig.runtime.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes pretty JSON files whole or not at all: a temporary file renamed into place. */
final class JsonFiles {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    static void writeAtomically(Path file, Object value) {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".caig-tmp-", ".json");
            byte[] bytes = PRETTY.writeValueAsBytes(value);
            Files.write(temp, bytes);
            Files.write(temp, System.lineSeparator().getBytes(), java.nio.file.StandardOpenOption.APPEND);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw new CaigException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
