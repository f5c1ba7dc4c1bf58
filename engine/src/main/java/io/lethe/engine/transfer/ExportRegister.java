package io.lethe.engine.transfer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** The register of exports ({@code export_register}), append-only. */
public final class ExportRegister {

    public static final String COLLECTION = "export_register";

    private final MongoCollection<Document> register;

    public ExportRegister(Database database) {
        this.register = database.collection(COLLECTION);
    }

    public void record(ExportEntry e) {
        register.insertOne(new Document("_id", e.id()).append("exportedBy", e.exportedBy())
                .append("exportedAt", Date.from(e.exportedAt())).append("models", e.models())
                .append("sequences", e.sequences()).append("connectors", e.connectors())
                .append("sha256", e.sha256()).append("bytes", e.bytes()));
    }

    /** Newest first; {@code since} may be null. */
    public List<ExportEntry> list(Instant since) {
        var filter = since == null ? new Document() : Filters.gte("exportedAt", Date.from(since));
        List<ExportEntry> entries = new ArrayList<>();
        for (Document d : register.find(filter).sort(Sorts.descending("exportedAt"))) {
            entries.add(new ExportEntry(d.getString("_id"), d.getString("exportedBy"), d.getDate("exportedAt").toInstant(),
                    d.getList("models", String.class), d.getList("sequences", String.class),
                    d.getList("connectors", String.class), d.getString("sha256"), ((Number) d.get("bytes")).longValue()));
        }
        return entries;
    }
}
