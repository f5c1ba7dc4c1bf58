package io.lethe.engine.sequence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.json.Json;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Sequences in the {@code sequences} collection, keyed by name. */
public final class MongoSequenceStore implements SequenceStore {

    public static final String COLLECTION = "sequences";

    private final MongoCollection<Document> sequences;

    public MongoSequenceStore(Database database) {
        this.sequences = database.collection(COLLECTION);
    }

    @Override
    public Optional<Sequence> find(String name) {
        return Optional.ofNullable(sequences.find(Filters.eq("_id", name)).first()).map(MongoSequenceStore::toSequence);
    }

    @Override
    public List<Sequence> list() {
        return sequences.find().sort(Sorts.ascending("_id")).map(MongoSequenceStore::toSequence).into(new ArrayList<>());
    }

    @Override
    public Sequence save(Sequence sequence) {
        int version = sequence.version() > 0 ? sequence.version() : find(sequence.name()).map(Sequence::version).orElse(0) + 1;
        Sequence saved = sequence.withVersion(version);
        @SuppressWarnings("unchecked")
        Document doc = new Document((Map<String, Object>) Json.toPlain(saved));
        doc.put("_id", saved.name());
        sequences.replaceOne(Filters.eq("_id", saved.name()), doc, new ReplaceOptions().upsert(true));
        return saved;
    }

    @Override
    public boolean delete(String name) {
        return sequences.deleteOne(Filters.eq("_id", name)).getDeletedCount() == 1;
    }

    private static Sequence toSequence(Document doc) {
        doc.remove("_id");
        return Json.convert(Json.read(doc.toJson()), Sequence.class);
    }
}
