package dev.caig.runtime.cli;

import dev.caig.runtime.TempFolders;
import dev.caig.runtime.WorkFolders;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Opens the store and a work folder for a command, runs it, and cleans up. The work folder is under one root
 * ({@link WorkFolders}): {@code CAIG_WORK_DIR} when set (a pod's emptyDir), else {@code <tmp>/caig-work}; the folders
 * that killed runs left there are deleted first.
 */
final class StageRunner {
    private StageRunner() {
    }

    static <T> T withContext(ArtifactUri root, PipelineConfig config, Map<String, ArtifactUri> artifacts,
                             Function<StageContext, T> body) {
        try (ArtifactStore store = ArtifactStores.open()) {
            return withContext(store, root, config, artifacts, body);
        }
    }

    /** The same with a store the caller opened (and closes). */
    static <T> T withContext(ArtifactStore store, ArtifactUri root, PipelineConfig config, Map<String, ArtifactUri> artifacts,
                             Function<StageContext, T> body) {
        Path workDir = newWorkDir();
        try {
            return body.apply(new StageContext(store, root, config, workDir, artifacts));
        } finally {
            TempFolders.deleteQuietly(workDir);
        }
    }

    /** Runs {@code body} with the store and a fresh work folder (for downloads), deleted afterwards. */
    static <T> T withStore(BiFunction<ArtifactStore, Path, T> body) {
        Path workDir = newWorkDir();
        try (ArtifactStore store = ArtifactStores.open()) {
            return body.apply(store, workDir);
        } finally {
            TempFolders.deleteQuietly(workDir);
        }
    }

    private static Path newWorkDir() {
        return WorkFolders.fromEnvironment().newRunFolder();
    }

}
