import io.lethe.engine.Engine;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.script.ScriptSettings;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Attribute purge of N instances through Lethe's purge target vs a raw driver updateMany doing the
 * same on the same data (embedded database). Args: work dir, N. Last line: "purge ratio <lethe/raw>".
 */
public class PurgeBench {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        try (Database database = Database.open(DatabaseOptions.embedded(dir.resolve("db")));
                Engine engine = new Engine(database, Clock.systemUTC(), ScriptSettings.defaults())) {
            for (String model : List.of("raw", "lethe")) {
                engine.models().save(Model.of(model, Attribute.of("email", AttributeType.STRING),
                        Attribute.of("name", AttributeType.STRING), Attribute.of("tier", AttributeType.STRING)));
                seed(database, model, n);
            }
            var instances = database.collection("instances");
            long t0 = System.nanoTime();
            long raw = instances.updateMany(new Document("model", "raw").append("data.tier", "gold"),
                    new Document("$set", new Document("data.email", "[purged]").append("data.name", null)
                            .append("updatedAt", new Date()))).getModifiedCount();
            long rawNanos = System.nanoTime() - t0;

            var target = engine.purgeTargets().get(0);
            var scope = new PurgeScope.Subject("lethe", null, Map.of("tier", "gold"), false,
                    Map.of("email", PurgeStrategy.MASK, "name", PurgeStrategy.NULL));
            long t1 = System.nanoTime();
            long lethe = target.execute(scope).changed();
            long letheNanos = System.nanoTime() - t1;

            System.out.printf("instances %d: raw updateMany %d in %d ms, Lethe subject purge %d in %d ms%n",
                    n, raw, rawNanos / 1_000_000, lethe, letheNanos / 1_000_000);
            System.out.printf("purge ratio %.2f%n", (double) letheNanos / rawNanos);
        }
    }

    private static void seed(Database database, String model, int n) {
        var instances = database.collection("instances");
        List<Document> batch = new ArrayList<>();
        Date now = new Date();
        for (int i = 0; i < n; i++) {
            batch.add(new Document("_id", model + "-" + i).append("model", model)
                    .append("data", new Document("email", "person" + i + "@example.org").append("name", "Person " + i).append("tier", "gold"))
                    .append("active", true).append("createdAt", now).append("updatedAt", now).append("deactivatedAt", null));
            if (batch.size() == 1000) {
                instances.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            instances.insertMany(batch);
        }
    }
}
