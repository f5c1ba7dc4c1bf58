package io.lethe.purge;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.json.Json;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Purge requests in {@code purge_requests}; each state change is written before the next step starts. */
public final class PurgeRequestStore {

    public static final String COLLECTION = "purge_requests";

    private final MongoCollection<Document> requests;
    private final Database database;

    public PurgeRequestStore(Database database) {
        this.requests = database.collection(COLLECTION);
        this.database = database;
    }

    /** Stores the request; in the file before this returns (a purge's state is never lost to a crash once answered). */
    public void save(PurgeRequest request) {
        Document doc = new Document(Json.plainMap(request));
        doc.put("_id", request.id());
        requests.replaceOne(Filters.eq("_id", request.id()), doc, new ReplaceOptions().upsert(true));
        database.flush();
    }

    /**
     * Writes {@code next} only if the stored request is still {@code expected}: two clicks on "run" (or two
     * approvers at once) must not both pass. False when another change came first.
     */
    public boolean transition(PurgeRequest next, PurgeStatus expected) {
        Document doc = new Document(Json.plainMap(next));
        doc.put("_id", next.id());
        boolean moved = requests.replaceOne(Filters.and(Filters.eq("_id", next.id()), Filters.eq("status", expected.label())), doc)
                .getMatchedCount() == 1;
        database.flush(); // "running" answered 202 and then lost to a kill came back "approved", not resumed
        return moved;
    }

    public Optional<PurgeRequest> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq("_id", id)).first()).map(PurgeRequestStore::toRequest);
    }

    /** Newest first. */
    public List<PurgeRequest> list(int limit) {
        return requests.find().sort(Sorts.descending("createdAt")).limit(limit).map(PurgeRequestStore::toRequest)
                .into(new ArrayList<>());
    }

    /** Requests filed by {@code requester} still waiting for an admin (drafts and planned ones). */
    public long waiting(String requester) {
        return requests.countDocuments(Filters.and(Filters.eq("requestedBy", requester),
                Filters.in("status", List.of(PurgeStatus.DRAFT.label(), PurgeStatus.PLANNED.label()))));
    }

    /** Requests not yet running: drafts, planned and approved ones. */
    public List<PurgeRequest> waitingToRun() {
        return requests.find(Filters.in("status", List.of(PurgeStatus.DRAFT.label(), PurgeStatus.PLANNED.label(),
                PurgeStatus.APPROVED.label()))).map(PurgeRequestStore::toRequest).into(new ArrayList<>());
    }

    /** Requests a crash may have interrupted. */
    public List<PurgeRequest> unfinished() {
        return requests.find(Filters.in("status", List.of(PurgeStatus.RUNNING.label(), PurgeStatus.VERIFYING.label())))
                .map(PurgeRequestStore::toRequest).into(new ArrayList<>());
    }

    private static PurgeRequest toRequest(Document doc) {
        doc.remove("_id");
        return Json.convert(Json.read(doc.toJson()), PurgeRequest.class);
    }
}
