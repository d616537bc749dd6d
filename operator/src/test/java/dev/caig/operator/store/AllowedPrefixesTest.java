package dev.caig.operator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;

/** The chart's per-namespace store prefixes: what they allow, and the store guard behind validation. */
class AllowedPrefixesTest {
    private final AllowedPrefixes prefixes = AllowedPrefixes.parse(List.of("team-a=s3://caig/team-a",
            "team-a=s3://shared/models/", "team-b=s3://caig/team-b/"), true);

    @Test
    void aNamespaceWithPrefixesMayUseOnlyWhatIsUnderThem() {
        assertTrue(prefixes.allows("team-a", S3Uri.parse("s3://caig/team-a/runs/x/manifest.json")));
        assertTrue(prefixes.allows("team-a", S3Uri.parse("s3://caig/team-a")), "the prefix itself, as a folder");
        assertTrue(prefixes.allows("team-a", S3Uri.parse("s3://shared/models/policy/")));
        assertFalse(prefixes.allows("team-a", S3Uri.parse("s3://caig/team-ab/runs/")), "a prefix is a folder, not a string prefix");
        assertFalse(prefixes.allows("team-a", S3Uri.parse("s3://caig/team-b/runs/")));
        assertFalse(prefixes.allows("team-a", S3Uri.parse("s3://other/team-a/")), "another bucket");
        assertFalse(prefixes.allows("team-a", S3Uri.parse("s3://caig/team-a/../team-b/runs/")), "no way out with dot segments");
        assertTrue(prefixes.allows("team-c", S3Uri.parse("s3://anything/at/all")), "unlisted namespaces allowed (default)");
        assertTrue(AllowedPrefixes.ANYTHING.allows("team-a", S3Uri.parse("s3://caig/team-b/")), "no entries: anything");
        assertTrue(prefixes.allows(null, S3Uri.parse("s3://caig/team-b/")), "no namespace yet (a file before apply): unlisted");
    }

    @Test
    void unlistedNamespacesCanBeRefused() {
        AllowedPrefixes strict = AllowedPrefixes.parse(List.of("team-a=s3://caig/team-a/"), false);
        assertFalse(strict.allows("team-c", S3Uri.parse("s3://caig/team-c/")));
        assertEquals(Optional.of("spec.artifacts (s3://caig/team-c/) is outside the store prefixes allowed here: namespace "
                + "team-c is not listed and unlisted namespaces are refused (operator setting storeScope.allowedPrefixes)"),
                strict.refuse("team-c", "spec.artifacts", "s3://caig/team-c/"));
    }

    @Test
    void theRefusalNamesFieldUriNamespaceAndSetting() {
        assertEquals(Optional.of("spec.model.policyUri (s3://caig/team-b/policy/) is outside the store prefixes allowed here: "
                + "namespace team-a may use only [s3://caig/team-a, s3://shared/models/] (operator setting storeScope.allowedPrefixes)"),
                prefixes.refuse("team-a", "spec.model.policyUri", "s3://caig/team-b/policy/"));
        assertEquals(Optional.empty(), prefixes.refuse("team-a", "spec.model.policyUri", null));
    }

    @Test
    void aMalformedEntryIsOneLineNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowedPrefixes.parse(List.of("team-a:s3://caig/team-a/"), true));
        assertEquals("storeScope.allowedPrefixes: 'team-a:s3://caig/team-a/' is not namespace=s3://bucket/prefix", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AllowedPrefixes.parse(List.of("team-a=/data/team-a"), true));
        assertThrows(IllegalArgumentException.class, () -> AllowedPrefixes.parse(List.of("=s3://caig/"), true));
    }

    @Test
    void theGuardedStoreNeitherReadsNorDeletesOutsideTheNamespacesPrefixes() throws Exception {
        InMemoryArtifactStore inner = new InMemoryArtifactStore();
        inner.putManifest("s3://caig/team-b/runs/x/market/", "market", Map.of());
        long objects = inner.countUnder("s3://caig/team-b/");
        ArtifactStore store = new PrefixGuardedStores(inner, prefixes).open(new StoreScope("team-a", Samples.store()));
        OutsideStoreScopeException read = assertThrows(OutsideStoreScopeException.class,
                () -> store.read(S3Uri.parse("s3://caig/team-b/runs/x/market/manifest.json")));
        assertTrue(read.getMessage().contains("namespace team-a"), read.getMessage());
        assertThrows(OutsideStoreScopeException.class, () -> store.deletePrefix(S3Uri.parse("s3://caig/team-b/runs/x/")));
        assertEquals(objects, inner.countUnder("s3://caig/team-b/"), "nothing deleted");
        assertEquals(Optional.empty(), store.read(S3Uri.parse("s3://caig/team-a/nothing-here")), "inside: passed through");
    }
}
