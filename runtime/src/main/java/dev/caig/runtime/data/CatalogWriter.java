package dev.caig.runtime.data;

import java.nio.file.Path;
import java.util.List;

/** Writes a catalog in the paper's {@code tiny.json} format (pretty JSON list; image paths as given, relative to the file). */
public final class CatalogWriter {

    public void write(Path file, List<CatalogEntry> entries) {
        JsonFiles.writeAtomically(file, entries);
    }
}
