package dev.caig.runtime.model;

/** What to tell a user whose saved model does not fit this build's architecture. */
final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * DJL reads a parameter file as a walk over the model's blocks; when the blocks differ from the ones that wrote it,
     * the walk stops at the first mismatch with a message about bytes ("Unsupported encoding version: 2"), which names
     * neither the cause nor the fix, or with an exception from whatever the misread bytes were taken for.
     */
    static String incompatible(Exception e) {
        return "its weights do not fit this version's model (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); it was most likely saved by an "
                + "earlier, incompatible build of caig: train it again with this version";
    }
}
