package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoCacheTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldCacheAQuarterOfTheHeapWithinBounds() {
        assertThat(EmbeddedMongo.cacheMegabytes(64 * MB)).as("never below H2's own default").isEqualTo(16);
        assertThat(EmbeddedMongo.cacheMegabytes(1024 * MB)).isEqualTo(256);
        assertThat(EmbeddedMongo.cacheMegabytes(6144 * MB)).isEqualTo(1536);
        assertThat(EmbeddedMongo.cacheMegabytes(64 * 1024 * MB)).as("at most 4 GB").isEqualTo(4096);
    }

    @Test
    void shouldOpenTheStoreWithThatCacheAndKeepItAcrossACompaction() {
        int expected = EmbeddedMongo.cacheMegabytes(Runtime.getRuntime().maxMemory());
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir)) {
            assertThat(embedded.cacheSize()).isEqualTo(expected).isGreaterThan(16);

            embedded.compact();

            assertThat(embedded.cacheSize()).as("the reopened store").isEqualTo(expected);
        }
    }
}
