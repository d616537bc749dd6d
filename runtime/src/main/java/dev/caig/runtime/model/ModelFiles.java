package dev.caig.runtime.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.caig.runtime.CaigException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a saved model's weights, with errors that say what went wrong and what to do. */
final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Loads {@code block}'s weights from {@code params}. Failures become one {@link CaigException} that starts with
     * {@code what} (e.g. "DIR: cannot load reward model"); the caller frees the half-loaded model.
     */
    static void readWeights(Block block, NDManager manager, Path params, String what) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException | RuntimeException e) { // a misaligned read fails in many ways
            throw new CaigException(what + ": " + incompatible(e), e);
        } catch (IOException e) {
            throw new CaigException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * DJL reads a parameter file as a walk over the model's blocks; when the blocks differ from the ones that wrote it,
     * the walk stops at the first mismatch with a message about bytes ("Unsupported encoding version: 2"), which names
     * neither the cause nor the fix, or with an exception from whatever the misread bytes were taken for.
     */
    private static String incompatible(Exception e) {
        return "its weights do not fit this version's model (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); it was most likely saved by an earlier, incompatible build of caig: train it again with this version";
    }
}
