package io.lethe.engine.store;

import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Reads every map of a store just opened once, on a background thread of low priority, so that the first list
 * page, count or purge plan after a start or a compaction finds its documents in the page cache instead of
 * deserializing them from the file while someone waits (a list page of a model with 100 000 instances: 6 s
 * from the file, 0.2 s from the cache). Requests are served meanwhile; a store closed during the pass (a
 * compaction, a shutdown) ends it. Data larger than the cache only churns the cache.
 */
final class PageCacheWarmer {

    private PageCacheWarmer() {
    }

    /** Starts the pass; the future completes when it ends, read through or cut short. */
    static CompletableFuture<Void> warm(MVStore store) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("lethe-db-warm").priority(Thread.MIN_PRIORITY).start(() -> {
            try {
                for (String name : store.getMapNames()) {
                    MVMap<Object, Object> map = store.openMap(name);
                    Cursor<Object, Object> cursor = map.cursor(null);
                    while (cursor.hasNext()) {
                        cursor.next();
                        cursor.getValue();
                    }
                }
            } catch (RuntimeException e) {
                // the store was closed meanwhile: it is reopened (and warmed) afresh, or the server stops
            } finally {
                done.complete(null);
            }
        });
        return done;
    }
}
