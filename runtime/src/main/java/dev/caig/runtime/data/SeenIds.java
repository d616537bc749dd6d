package dev.caig.runtime.data;

import dev.caig.runtime.store.Sha256;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The ids seen so far in a catalog and the entry each was first seen at, in 12 bytes per id (a 64-bit hash of the id
 * and an int) instead of the id strings, so that a catalog of millions is checked for duplicates in little memory.
 * Two different ids share a 64-bit hash with odds of about n^2 / 2^65 (3e-8 for a million ids); such a pair would
 * be reported as a duplicate.
 */
final class SeenIds {

    private static final long EMPTY = 0L;

    private long[] hashes = new long[1024];
    private int[] firstIndex = new int[1024];
    private int size;

    /** Records {@code id} at {@code index}; returns the index it was first seen at, or -1 when it is new. */
    int putIfAbsent(String id, int index) {
        if ((size + 1) * 2 > hashes.length) {
            grow();
        }
        long hash = hash(id);
        int slot = slotOf(hash, hashes);
        if (hashes[slot] == hash) {
            return firstIndex[slot];
        }
        hashes[slot] = hash;
        firstIndex[slot] = index;
        size++;
        return -1;
    }

    int size() {
        return size;
    }

    /** The slot holding {@code hash}, or the empty slot where it goes (linear probing). */
    private static int slotOf(long hash, long[] table) {
        int mask = table.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (table[slot] != EMPTY && table[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldIndex = firstIndex;
        hashes = new long[oldHashes.length * 2];
        firstIndex = new int[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                int slot = slotOf(oldHashes[i], hashes);
                hashes[slot] = oldHashes[i];
                firstIndex[slot] = oldIndex[i];
            }
        }
    }

    /** The first 8 bytes of the id's SHA-256; 0 is reserved for an empty slot. */
    private static long hash(String id) {
        long h = ByteBuffer.wrap(Sha256.newDigest().digest(id.getBytes(StandardCharsets.UTF_8))).getLong();
        return h == EMPTY ? 1L : h;
    }
}
