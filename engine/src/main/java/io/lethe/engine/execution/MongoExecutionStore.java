package io.lethe.engine.execution;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.RunRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Execution records in the {@code executions} collection. */
public final class MongoExecutionStore implements ExecutionStore {

    public static final String COLLECTION = "executions";

    private final MongoCollection<Document> executions;

    public MongoExecutionStore(Database database) {
        this.executions = database.collection(COLLECTION);
        executions.createIndex(Indexes.descending("sequence", "startedAt"));
    }

    @Override
    public void insertAll(List<ExecutionRecord> records) {
        if (!records.isEmpty()) {
            executions.insertMany(records.stream().map(MongoExecutionStore::toDocument).toList(),
                    new InsertManyOptions().ordered(false));
        }
    }

    @Override
    public long deleteStartedBefore(Instant cutoff) {
        return executions.deleteMany(Filters.lt("startedAt", Date.from(cutoff))).getDeletedCount();
    }

    @Override
    public long count(String sequence, Instant from, Instant to) {
        return executions.countDocuments(RunRange.of(sequence, from, to));
    }

    @Override
    public long delete(String sequence, Instant from, Instant to) {
        return executions.deleteMany(RunRange.of(sequence, from, to)).getDeletedCount();
    }

    @Override
    public Optional<ExecutionRecord> find(String id) {
        return Optional.ofNullable(executions.find(Filters.eq("_id", id)).first()).map(MongoExecutionStore::toRecord);
    }

    @Override
    public List<ExecutionRecord> list(String sequence, ExecutionStatus status, Instant before, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (sequence != null) {
            filters.add(Filters.eq("sequence", sequence));
        }
        if (status != null) {
            filters.add(Filters.eq("status", status.label()));
        }
        if (before != null) {
            filters.add(Filters.lt("startedAt", Date.from(before)));
        }
        return executions.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.orderBy(Sorts.descending("startedAt"), Sorts.descending("_id")))
                .limit(Math.clamp(limit, 1, 1000))
                .map(MongoExecutionStore::toRecord).into(new ArrayList<>());
    }

    @Override
    public long count(String sequence) {
        return executions.countDocuments(Filters.eq("sequence", sequence));
    }

    private static Document toDocument(ExecutionRecord r) {
        return new Document("_id", r.id())
                .append("parentId", r.parentId())
                .append("sequence", r.sequence())
                .append("version", r.version())
                .append("trigger", r.trigger())
                .append("triggerDetail", r.triggerDetail())
                .append("status", r.status().label())
                .append("startedAt", Date.from(r.startedAt()))
                .append("endedAt", Date.from(r.endedAt()))
                .append("durationMs", r.durationMs())
                .append("error", r.error())
                .append("path", r.path());
    }

    private static ExecutionRecord toRecord(Document d) {
        return new ExecutionRecord(d.getString("_id"), d.getString("parentId"), d.getString("sequence"),
                d.getInteger("version", 0), d.getString("trigger"), d.getString("triggerDetail"),
                ExecutionStatus.valueOf(d.getString("status").toUpperCase(Locale.ROOT)),
                d.getDate("startedAt").toInstant(), d.getDate("endedAt").toInstant(),
                ((Number) d.get("durationMs")).longValue(), d.getString("error"), d.getList("path", String.class));
    }
}
