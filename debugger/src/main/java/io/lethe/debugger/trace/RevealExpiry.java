package io.lethe.debugger.trace;

import com.mongodb.client.model.Filters;
import io.lethe.engine.json.Json;
import io.lethe.engine.redact.RedactionRules;
import io.lethe.engine.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personal values captured in clear by an unredacted ("reveal") window do not stay in clear: a trace
 * older than {@link #REVEALED_FOR} is redacted in place by the same rules as at capture, and kept as an
 * ordinary redacted trace until retention deletes it (its input then no longer replays).
 *
 * <p>{@link #sweep()} is cheap when nothing is due: it remembers the oldest unredacted trace it knows
 * of (found by its first sweep, not at start-up, and told by {@link #written} for every trace this process
 * stores), and reads the collection only once that one is due; {@link #sweepAll()} looks regardless (hourly, for traces other
 * processes wrote).
 */
public final class RevealExpiry {

    /** How long a trace captured by a reveal window keeps its values in clear. */
    public static final Duration REVEALED_FOR = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RevealExpiry.class);
    private static final Bson UNREDACTED = Filters.eq("redacted", false);

    private final TraceStore store;
    private final RedactionRules rules;
    private final Clock clock;
    private final Duration revealedFor;
    private Instant oldest;
    private boolean scanned;

    public RevealExpiry(TraceStore store, RedactionRules rules, Clock clock, Duration revealedFor) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.revealedFor = revealedFor;
    }

    /** Notes traces just stored, so that an unredacted one is redacted when it is due. */
    public synchronized void written(List<Document> traces) {
        for (Document trace : traces) {
            if (!trace.getBoolean("redacted", true) && trace.getDate("startedAt") != null) {
                Instant at = trace.getDate("startedAt").toInstant();
                oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            }
        }
    }

    /** Redacts the unredacted traces that are due, if this process knows of any; returns how many. */
    public synchronized long sweep() {
        return !scanned || oldest != null && !oldest.isAfter(cutoff()) ? sweepAll() : 0;
    }

    /** Redacts every unredacted trace that is due; returns how many. */
    public synchronized long sweepAll() {
        long redacted = 0;
        for (Document trace : store.matching(Filters.and(UNREDACTED, Filters.lt("startedAt", Date.from(cutoff()))))) {
            store.replace(redacted(trace));
            redacted++;
        }
        oldest = oldestUnredacted();
        scanned = true;
        if (redacted > 0) {
            log.atInfo().addKeyValue("traces", redacted).log("unredacted debug traces redacted: their reveal time is over");
        }
        return redacted;
    }

    private Instant cutoff() {
        return clock.instant().minus(revealedFor);
    }

    private Instant oldestUnredacted() {
        Document first = store.earliest(UNREDACTED);
        return first == null || first.getDate("startedAt") == null ? null : first.getDate("startedAt").toInstant();
    }

    /** The trace as a redacted window would have stored it (values under protected keys, and their copies in text). */
    private Document redacted(Document trace) {
        Redactor redactor = rules.redactor(false);
        Map<?, ?> body = (Map<?, ?>) Json.read(trace.getString("body"));
        redactor.collect(body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", redactor.value(body.get("input")));
        int inputRedactions = redactor.redactions();
        out.put("blocks", redactor.value(body.get("blocks")));
        String text = Json.write(out);
        Document next = new Document(trace);
        next.put("body", text);
        next.put("chars", text.length());
        next.put("redacted", true);
        next.put("inputRedactions", trace.getInteger("inputRedactions", 0) + inputRedactions);
        next.put("error", redactor.text(trace.getString("error")));
        if (trace.get("trigger") instanceof Document trigger) {
            next.put("trigger", new Document(trigger).append("detail", redactor.text(trigger.getString("detail"))));
        }
        return next;
    }
}
