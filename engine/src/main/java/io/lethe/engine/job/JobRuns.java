package io.lethe.engine.job;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.instance.Ids;
import io.lethe.engine.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** What background jobs did and when ({@code job_runs}): counts only, never data. */
public final class JobRuns {

    public static final String COLLECTION = "job_runs";

    /** One run of a job with its counts, e.g. {@code removed=12}. */
    public record JobRun(String job, Instant startedAt, Instant finishedAt, Map<String, Long> counts) {
    }

    private final MongoCollection<Document> runs;

    public JobRuns(Database database) {
        this.runs = database.collection(COLLECTION);
    }

    public void record(JobRun run) {
        runs.insertOne(new Document("_id", Ids.next()).append("job", run.job())
                .append("startedAt", Date.from(run.startedAt())).append("finishedAt", Date.from(run.finishedAt()))
                .append("counts", new Document(Map.copyOf(run.counts()))));
    }

    /** Deletes the runs of every job started before {@code cutoff}; returns how many. */
    public long deleteStartedBefore(Instant cutoff) {
        return runs.deleteMany(Filters.lt("startedAt", Date.from(cutoff))).getDeletedCount();
    }

    /** The latest runs of {@code job}, newest first. */
    public List<JobRun> latest(String job, int limit) {
        List<JobRun> found = new ArrayList<>();
        for (Document d : runs.find(Filters.eq("job", job)).sort(Sorts.descending("startedAt")).limit(limit)) {
            Map<String, Long> counts = new LinkedHashMap<>();
            d.get("counts", Document.class).forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
            found.add(new JobRun(d.getString("job"), d.getDate("startedAt").toInstant(), d.getDate("finishedAt").toInstant(), counts));
        }
        return found;
    }
}
