package dev.caig.runtime.serve;

/**
 * Per-candidate sampling seeds derived from the request seed. Candidate i's seed depends only on (request seed, i),
 * and the policy samples each candidate from its own seed, so a request's answer is fixed by its seed.
 */
final class CandidateSeeds {
    private CandidateSeeds() {
    }

    static long[] derive(long requestSeed, int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = mix(requestSeed * 0x9E3779B97F4A7C15L + i);
        }
        return seeds;
    }

    /** SplitMix64's finaliser: nearby request seeds give unrelated candidate seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
