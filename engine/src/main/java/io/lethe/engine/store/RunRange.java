package io.lethe.engine.store;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The filter for records of runs (execution records, debug traces: fields {@code sequence}, {@code startedAt}). */
public final class RunRange {

    private RunRange() {
    }

    /** Runs of {@code sequence} (null: any) started in {@code [from, to)} (null bounds are open). */
    public static Bson of(String sequence, Instant from, Instant to) {
        List<Bson> all = new ArrayList<>();
        if (sequence != null) {
            all.add(Filters.eq("sequence", sequence));
        }
        if (from != null) {
            all.add(Filters.gte("startedAt", Date.from(from)));
        }
        if (to != null) {
            all.add(Filters.lt("startedAt", Date.from(to)));
        }
        return all.isEmpty() ? new Document() : Filters.and(all);
    }
}
