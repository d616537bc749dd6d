package dev.caig.operator.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.caig.operator.testing.TestOperator;

/**
 * crds/ must hold exactly what the build generates (target/kubernetes, written by `package`; hence an IT run by
 * failsafe after it). After changing the CRD types, refresh them with:
 * mvn -B -pl operator verify -Dcaig.crds.update=true
 */
class CrdFilesIT {
    static final Path GENERATED = Path.of("target", "kubernetes");

    @Test
    void committedCrdsEqualTheGeneratedOnes() throws Exception {
        List<Path> generated;
        try (Stream<Path> files = Files.list(GENERATED)) {
            generated = files.filter(p -> p.getFileName().toString().endsWith(".caig.dev-v1.yml")).sorted().toList();
        }
        assertEquals(3, generated.size(), "expected the three CRDs in " + GENERATED.toAbsolutePath());
        boolean update = Boolean.getBoolean("caig.crds.update");
        for (Path g : generated) {
            Path committed = TestOperator.crdDir().resolve(g.getFileName());
            if (update) {
                Files.copy(g, committed, StandardCopyOption.REPLACE_EXISTING);
            }
            assertTrue(Files.exists(committed), committed + " is missing: run with -Dcaig.crds.update=true");
            assertEquals(Files.readString(g), Files.readString(committed),
                    committed + " differs from the build's " + g + ": run with -Dcaig.crds.update=true and commit");
        }
        try (Stream<Path> files = Files.list(TestOperator.crdDir())) {
            assertEquals(generated.size(), files.count(), "crds/ holds a CRD the build no longer generates");
        }
    }
}
