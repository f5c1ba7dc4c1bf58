package io.lethe.debugger.trace;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.retention.Vocabulary;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.RunRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Stored traces, one document per traced run (called sequences nested inside), keyed by execution
 * id, in {@value #COLLECTION}. Time ranges apply to the run's {@code startedAt}. Documents are
 * already redacted when they get here.
 */
public final class TraceStore {

    public static final String COLLECTION = "debug_traces";
    static final Bson SUMMARY = Projections.exclude("body");

    private final MongoCollection<Document> traces;

    /** The fields a trace is written with ({@code TraceAssembler}, {@code TraceJson}): words a value purge leaves as keys. */
    static final List<String> FIELDS = List.of("blockId", "blocks", "body", "call", "chars", "console", "durationMs", "error",
            "executionId", "frame", "input", "inputRedactions", "inputTruncated", "inputs", "omitted", "omittedBlocks", "openedBy",
            "outcome", "output", "parentExecutionId", "redacted", "replayOf", "sequence", "startedAt", "status", "trigger",
            "truncated", "type", "version");

    public TraceStore(Database database) {
        Vocabulary.learnWords(FIELDS);
        this.traces = database.collection(COLLECTION);
        // used by a real MongoDB; the embedded one accepts and ignores non-unique indexes
        traces.createIndex(Indexes.compoundIndex(Indexes.ascending("sequence"), Indexes.descending("startedAt")));
        traces.createIndex(Indexes.ascending("startedAt"));
    }

    public void insertAll(List<Document> documents) {
        traces.insertMany(documents, new InsertManyOptions().ordered(false));
    }

    public Optional<Document> find(String executionId) {
        return Optional.ofNullable(traces.find(Filters.eq("_id", executionId)).first());
    }

    /** Summaries (no values) of the newest traces of {@code sequence}, newest first. */
    public List<Document> list(String sequence, int limit) {
        return traces.find(Filters.eq("sequence", sequence)).projection(SUMMARY)
                .sort(Sorts.descending("startedAt")).limit(limit).into(new ArrayList<>());
    }

    public boolean delete(String executionId) {
        return traces.deleteOne(Filters.eq("_id", executionId)).getDeletedCount() > 0;
    }

    /** Traces of {@code sequence} (null: all) started in {@code [from, to)} (null bounds are open). */
    public static Bson range(String sequence, Instant from, Instant to) {
        return RunRange.of(sequence, from, to);
    }

    /** The traces matching {@code filter}, whole. */
    public List<Document> matching(Bson filter) {
        return traces.find(filter).into(new ArrayList<>());
    }

    /** The summary of the earliest started trace matching {@code filter}, or null. */
    public Document earliest(Bson filter) {
        return traces.find(filter).projection(SUMMARY).sort(Sorts.ascending("startedAt")).first();
    }

    public long count(Bson filter) {
        return traces.countDocuments(filter);
    }

    public long deleteAll(Bson filter) {
        return traces.deleteMany(filter).getDeletedCount();
    }

    /** Every trace, one at a time (value purges scan: the embedded database has no text index). */
    public void forEach(Consumer<Document> action) {
        for (Document d : traces.find()) {
            action.accept(d);
        }
    }

    public void replace(Document document) {
        traces.replaceOne(Filters.eq("_id", document.get("_id")), document);
    }
}
