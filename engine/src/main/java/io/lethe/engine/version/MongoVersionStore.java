package io.lethe.engine.version;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.json.Json;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Versions in {@code versions}, id {@code kind:name:number} (unique, so two saves cannot take one number). */
public final class MongoVersionStore implements VersionStore {

    public static final String COLLECTION = "versions";

    private final MongoCollection<Document> versions;

    public MongoVersionStore(Database database) {
        this.versions = database.collection(COLLECTION);
    }

    /** The id of a version: {@code kind:name:number}. */
    public static String id(String kind, String name, int number) {
        return kind + ":" + name + ":" + number;
    }

    @Override
    public void append(Version v) {
        try {
            versions.insertOne(new Document("_id", id(v.kind(), v.name(), v.number()))
                    .append("kind", v.kind()).append("name", v.name()).append("number", v.number())
                    .append("document", new Document(v.document()))
                    .append("author", v.author()).append("savedAt", Date.from(v.savedAt()))
                    .append("comment", v.comment())
                    .append("redactedAt", v.redactedAt() == null ? null : Date.from(v.redactedAt())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ConflictException("version " + v.number() + " of " + v.kind() + " '" + v.name()
                        + "' was saved meanwhile", Map.of("currentVersion", latest(v.kind(), v.name())));
            }
            throw e;
        }
    }

    @Override
    public int latest(String kind, String name) {
        Document newest = versions.find(Filters.and(Filters.eq("kind", kind), Filters.eq("name", name)))
                .sort(Sorts.descending("number")).limit(1).first();
        return newest == null ? 0 : newest.getInteger("number");
    }

    @Override
    public Optional<Version> find(String kind, String name, int number) {
        return Optional.ofNullable(versions.find(Filters.eq("_id", id(kind, name, number))).first()).map(MongoVersionStore::toVersion);
    }

    @Override
    public List<Version> list(String kind, String name) {
        return versions.find(Filters.and(Filters.eq("kind", kind), Filters.eq("name", name)))
                .sort(Sorts.descending("number")).map(MongoVersionStore::toVersion).into(new ArrayList<>());
    }

    @Override
    public long deleteAll(String kind, String name) {
        return versions.deleteMany(Filters.and(Filters.eq("kind", kind), Filters.eq("name", name))).getDeletedCount();
    }

    @SuppressWarnings("unchecked")
    static Version toVersion(Document d) {
        Date redacted = d.getDate("redactedAt");
        Map<String, Object> document = (Map<String, Object>) Json.read(d.get("document", Document.class).toJson());
        return new Version(d.getString("kind"), d.getString("name"), d.getInteger("number"), document,
                d.getString("author"), d.getDate("savedAt").toInstant(), d.getString("comment"),
                redacted == null ? null : redacted.toInstant());
    }
}
