package dev.caig.runtime.store;

/**
 * One file in a store: its path relative to the listed prefix ('/'-separated) and its size in bytes (-1 where a
 * store does not say).
 */
public record StoredFile(String path, long size) {
}
