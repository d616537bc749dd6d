package dev.caig.runtime.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes click logs in the creatives format (pretty JSON object keyed by product id; image paths relative to the file). */
public final class ClickLogWriter {

    public void write(Path file, Map<String, List<Creative>> byProduct) {
        JsonFiles.writeAtomically(file, new LinkedHashMap<>(byProduct));
    }
}
