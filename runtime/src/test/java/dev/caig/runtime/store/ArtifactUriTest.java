package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactUriTest {

    @Test
    void s3UriSplitsIntoBucketAndKeyAndRoundTrips() {
        ArtifactUri uri = ArtifactUri.parse("s3://caig-runs/team-a/run-1/");
        assertTrue(uri.isS3());
        assertEquals("caig-runs", uri.bucket());
        assertEquals("team-a/run-1", uri.key());
        assertEquals("s3://caig-runs/team-a/run-1", uri.toString());
        assertEquals(uri, ArtifactUri.parse(uri.toString()));
        assertEquals("s3://caig-runs", ArtifactUri.parse("s3://caig-runs").toString());
    }

    @Test
    void resolveAppendsRelativePaths() {
        ArtifactUri run = ArtifactUri.parse("s3://caig-runs/run-1");
        assertEquals("s3://caig-runs/run-1/reward/manifest.json", run.resolve("reward").resolve("manifest.json").toString());
        assertEquals("s3://b0b/images/1.png", ArtifactUri.parse("s3://b0b").resolve("images/1.png").toString());
        assertEquals("manifest.json", run.resolve("reward/manifest.json").fileName());
        Path dir = Path.of("/tmp/caig/run");
        assertEquals(dir.resolve("reward/manifest.json"), ArtifactUri.local(dir).resolve("reward/manifest.json").path());
    }

    @Test
    void localPathsWorkWhereverAUriIsAccepted() {
        ArtifactUri relative = ArtifactUri.parse("runs/out");
        assertTrue(relative.isLocal());
        assertEquals(Path.of("runs/out").toAbsolutePath().normalize(), relative.path());
        assertEquals(relative, ArtifactUri.parse(relative.toString()));

        ArtifactUri file = ArtifactUri.parse("file:/tmp/caig/run");
        assertEquals(Path.of("/tmp/caig/run"), file.path());
        assertEquals("file:/tmp/caig/run", file.toString());
        assertEquals(file, ArtifactUri.parse(file.toString()));
        assertEquals(file, ArtifactUri.parse("/tmp/caig/run"), "file: and plain paths name the same place");
        assertEquals(file, ArtifactUri.parse("file:///tmp/caig/run"));
        assertEquals("file:/tmp/caig/run/a.txt", file.resolve("a.txt").toString());
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertTrue(assertThrows(CaigException.class, () -> ArtifactUri.parse("gs://bucket/x")).getMessage()
                .contains("unsupported URI scheme 'gs'"));
        assertTrue(assertThrows(CaigException.class, () -> ArtifactUri.parse("s3:///x")).getMessage()
                .contains("missing bucket"));
        assertTrue(assertThrows(CaigException.class, () -> ArtifactUri.parse("s3://Bad_Bucket/x")).getMessage()
                .contains("invalid bucket name"));
        assertThrows(CaigException.class, () -> ArtifactUri.parse("s3://bucket/a/../b"));
        assertThrows(CaigException.class, () -> ArtifactUri.parse("s3://bucket/a").resolve("../escape"));
        assertThrows(CaigException.class, () -> ArtifactUri.parse("s3://bucket/a").resolve("/abs"));
        assertThrows(CaigException.class, () -> ArtifactUri.parse(" "));
    }
}
