package io.lethe.engine.instance;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered random ids (UUID version 7), so creation order is id order. Ids name things; they
 * are not secrets (every read is authorised), so a fast thread-local generator is enough and keeps
 * the request hot path off the locked system entropy source.
 */
public final class Ids {

    private Ids() {
    }

    public static String next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
