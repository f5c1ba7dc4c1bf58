package io.lethe.engine.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A backend that forwards every request to a replaceable delegate under a read lock, so the
 * delegate can be swapped (closed, its file compacted, reopened) while clients stay connected:
 * requests arriving during the swap wait instead of failing. Open cursors do not survive a swap.
 */
final class GatedBackend implements MongoBackend {

    private final ReadWriteLock gate = new ReentrantReadWriteLock(true);
    private volatile MongoBackend delegate;

    GatedBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    /** Pauses all requests, replaces the delegate with what {@code swap} returns, resumes. */
    void swap(UnaryOperator<MongoBackend> swap) {
        gate.writeLock().lock();
        try {
            delegate = swap.apply(delegate);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Runs {@code action} against the current delegate while no swap can happen. */
    <T> T read(Function<MongoBackend, T> action) {
        gate.readLock().lock();
        try {
            return action.apply(delegate);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void handleClose(Channel channel) {
        read(d -> {
            d.handleClose(channel);
            return null;
        });
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return read(d -> d.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return read(d -> d.handleQuery(query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return read(d -> d.handleMessage(message));
    }

    @Override
    public void dropDatabase(String database) {
        read(d -> {
            d.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return read(d -> d.getCurrentOperations(query));
    }

    @Override
    public Document getServerStatus() {
        return read(MongoBackend::getServerStatus);
    }

    @Override
    public void close() {
        swap(d -> {
            d.close();
            return d;
        });
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        read(d -> {
            d.closeCursors(cursorIds);
            return null;
        });
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        read(d -> {
            d.enableOplog();
            return null;
        });
    }

    @Override
    public void disableOplog() {
        read(d -> {
            d.disableOplog();
            return null;
        });
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return read(d -> d.resolveDatabase(database));
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        read(d -> d.version(version));
        return this;
    }
}
