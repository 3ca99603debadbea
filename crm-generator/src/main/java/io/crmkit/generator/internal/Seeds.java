package io.crmkit.generator.internal;

/** Derives independent 64-bit seeds from the generator seed, a member index and a stream number. */
final class Seeds {
    private Seeds() {}

    /** The SplitMix64 finaliser (Stafford variant 13): a bijection that spreads every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for one purpose (a constant) under a generator seed. */
    static long mix(long seed, long purpose) {
        return mix64(mix64(seed) + purpose * 0x9e3779b97f4a7c15L);
    }

    /** A seed for one stream of one member. */
    static long member(long seed, long index, int stream) {
        return mix64(mix(seed, 0x4d454d42L + stream) ^ mix64(index * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L));
    }
}
