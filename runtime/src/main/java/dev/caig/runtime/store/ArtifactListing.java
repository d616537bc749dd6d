package dev.caig.runtime.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The artifacts under a prefix, found from one listing: a folder holding a {@code manifest.json} is an artifact, and
 * every file belongs to the deepest artifact folder above it (so a pipeline's creatives and checkpoints count in
 * their stage's size instead of being listed one by one).
 *
 * @param artifacts  the artifacts, by path
 * @param looseFiles files that belong to no artifact
 */
public record ArtifactListing(List<Entry> artifacts, List<StoredFile> looseFiles) {

    /** One artifact: its path relative to the listed prefix ("" for the prefix itself), file count and bytes. */
    public record Entry(String path, int files, long bytes) {
    }

    public static ArtifactListing of(List<StoredFile> files) {
        List<String> roots = new ArrayList<>();
        for (StoredFile f : files) {
            if (f.path().equals(ArtifactManifest.FILE_NAME)) {
                roots.add("");
            } else if (f.path().endsWith("/" + ArtifactManifest.FILE_NAME)) {
                roots.add(f.path().substring(0, f.path().length() - ArtifactManifest.FILE_NAME.length() - 1));
            }
        }
        roots.sort(Comparator.naturalOrder());
        int[] counts = new int[roots.size()];
        long[] bytes = new long[roots.size()];
        List<StoredFile> loose = new ArrayList<>();
        for (StoredFile f : files) {
            int owner = deepestRoot(roots, f.path());
            if (owner < 0) {
                loose.add(f);
            } else {
                counts[owner]++;
                bytes[owner] += Math.max(0, f.size());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            entries.add(new Entry(roots.get(i), counts[i], bytes[i]));
        }
        return new ArtifactListing(List.copyOf(entries), List.copyOf(loose));
    }

    private static int deepestRoot(List<String> roots, String path) {
        int best = -1;
        for (int i = 0; i < roots.size(); i++) {
            String root = roots.get(i);
            boolean inside = root.isEmpty() || path.startsWith(root + "/");
            if (inside && (best < 0 || root.length() > roots.get(best).length())) {
                best = i;
            }
        }
        return best;
    }
}
