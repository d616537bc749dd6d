package dev.caig.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hidden market plays the users: only data generation, evaluation and the command line may read it. */
class PackageDependencyTest {

    static final Path ROOT = Path.of("src/main/java/dev/caig/runtime");
    static final Set<String> MAY_USE_MARKET = Set.of("market", "eval", "cli", "pipeline", "bench");

    @Test
    void onlyMarketEvalCliPipelineAndBenchImportTheMarket() throws IOException {
        assertTrue(Files.isDirectory(ROOT), "run from the runtime module: " + ROOT.toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(ROOT)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAY_USE_MARKET.contains(topPackage(p)))
                    .filter(PackageDependencyTest::mentionsMarket)
                    .map(Path::toString).sorted().toList();
        }
        assertEquals(List.of(), offenders, "these files use dev.caig.runtime.market");
    }

    private static String topPackage(Path file) {
        Path rel = ROOT.relativize(file);
        return rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
    }

    private static boolean mentionsMarket(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .anyMatch(l -> !l.startsWith("//") && !l.startsWith("*") && l.contains("dev.caig.runtime.market"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
