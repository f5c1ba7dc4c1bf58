package io.lethe.engine.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, with two changes. Writes nested deeper than MongoDB allows are refused (see
 * {@link WriteDepth}). And secondary indexes are not built. The embedded server accepts a secondary (non-unique) index
 * but keeps nothing for it (its queries scan); still, opening the store "built" every such index by reading
 * the whole collection twice, so each start and each compaction's reopening read every instance four times
 * (two secondary indexes) while requests waited: 8 s for 290 000 instances. A declared index is now left as
 * the empty thing it is.
 */
final class EmbeddedBackend extends H2Backend {

    EmbeddedBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {
            @Override
            public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
                WriteDepth.check(command, query);
                return super.handleCommand(channel, command, query, resolver, oplog);
            }

            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys, boolean sparse) {
                return new DeclaredIndex(name, keys);
            }
        };
    }

    /** A secondary index as the embedded server keeps it: declared (listed to clients), never built. */
    private static final class DeclaredIndex extends EmptyIndex<Object> {

        DeclaredIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        /** Not empty in the sense the collection asks: there is nothing to build from its documents. */
        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
