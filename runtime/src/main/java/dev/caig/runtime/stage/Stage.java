package dev.caig.runtime.stage;

import dev.caig.runtime.store.ArtifactManifest;

/**
 * One step of the pipeline: reads its inputs from the store, writes its artifact to {@code <root>/<name>/} and
 * returns its manifest. The contract the command line and the operator's Jobs call.
 */
public interface Stage {
    String name();

    ArtifactManifest run(StageContext ctx);
}
