package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's rows in catalog order as JSON lines in a local file ({@code rows.jsonl}): written once as the run goes and
 * read as often as the manifest and contact sheet need, without one store request per row. A finished shard keeps a
 * copy beside its output; the merge reads the shards' copies side by side.
 */
final class RowsJournal implements AutoCloseable {
    static final String FILE = "rows.jsonl";

    private final Path file;
    private final BufferedWriter writer;

    private RowsJournal(Path file) throws IOException {
        this.file = file;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    static RowsJournal create() {
        try {
            return new RowsJournal(Files.createTempFile("caig-rows-", ".jsonl"));
        } catch (IOException e) {
            throw new CaigException("cannot make a local file for the batch's rows: " + e.getMessage(), e);
        }
    }

    void append(BatchRow row) {
        try {
            writer.write(new String(row.toJson(), StandardCharsets.UTF_8));
            writer.write('\n');
        } catch (IOException e) {
            throw new CaigException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The finished file. */
    Path finish() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new CaigException(file + ": cannot write: " + e.getMessage(), e);
        }
        return file;
    }

    /** The rows of one journal file, in its order. */
    static GenerationManifest.RowSource read(Path file, String source) {
        return each -> {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    each.accept(BatchRow.parse(line.getBytes(StandardCharsets.UTF_8), source));
                }
            } catch (IOException e) {
                throw new CaigException(source + ": cannot read the rows: " + e.getMessage(), e);
            }
        };
    }

    /** The rows of the journal files {@code files}, dealt round-robin (entry i is the (i / n)-th row of file i mod n). */
    static GenerationManifest.RowSource interleaved(List<Path> files, List<String> sources) {
        return each -> {
            BufferedReader[] readers = new BufferedReader[files.size()];
            try {
                for (int k = 0; k < readers.length; k++) {
                    readers[k] = Files.newBufferedReader(files.get(k), StandardCharsets.UTF_8);
                }
                for (int i = 0; ; i++) {
                    int k = i % readers.length;
                    String line = readers[k].readLine();
                    if (line == null) {
                        return;
                    }
                    BatchRow row = BatchRow.parse(line.getBytes(StandardCharsets.UTF_8), sources.get(k));
                    if (row.index() != i) {
                        throw new CaigException(sources.get(k) + ": holds entry [" + row.index() + "] where entry [" + i
                                + "] belongs; it is not a shard of this batch's dealing");
                    }
                    each.accept(row);
                }
            } catch (IOException e) {
                throw new CaigException("cannot read the rows: " + e.getMessage(), e);
            } finally {
                for (BufferedReader r : readers) {
                    try {
                        if (r != null) {
                            r.close();
                        }
                    } catch (IOException ignored) {
                        // reading is over
                    }
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            writer.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is not worth failing the run for
        }
    }
}
