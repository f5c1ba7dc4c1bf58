package io.lethe.engine.model;

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

/** Models in the {@code models} collection, keyed by name. */
public final class MongoModelStore implements ModelStore {

    public static final String COLLECTION = "models";

    private final MongoCollection<Document> models;

    public MongoModelStore(Database database) {
        this.models = database.collection(COLLECTION);
    }

    @Override
    public Optional<Model> find(String name) {
        return Optional.ofNullable(models.find(Filters.eq("_id", name)).first()).map(MongoModelStore::toModel);
    }

    @Override
    public List<Model> list() {
        return models.find().sort(Sorts.ascending("_id")).map(MongoModelStore::toModel).into(new ArrayList<>());
    }

    @Override
    public void save(Model model) {
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) Json.toPlain(model);
        Document doc = new Document(plain);
        doc.put("_id", model.name());
        models.replaceOne(Filters.eq("_id", model.name()), doc, new ReplaceOptions().upsert(true));
    }

    @Override
    public boolean delete(String name) {
        return models.deleteOne(Filters.eq("_id", name)).getDeletedCount() == 1;
    }

    private static Model toModel(Document doc) {
        doc.remove("_id");
        return Json.convert(doc, Model.class);
    }
}
