package dev.caig.runtime.serve;

/** Produces the server's models; the server calls it once, in the background, after the port is open. */
@FunctionalInterface
public interface ModelLoader {
    LoadedModels load();
}
