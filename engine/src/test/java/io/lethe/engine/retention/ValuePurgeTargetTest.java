package io.lethe.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuePurgeTargetTest {

    @TempDir
    Path dir;

    EngineFixture lethe;

    @AfterEach
    void stop() {
        lethe.close();
    }

    @Test
    void shouldNameTheDesignsAPlanWouldChangeWithTheValueRedactedAndAtMostFifty() {
        lethe = new EngineFixture(dir);
        MongoCollection<Document> designs = lethe.database.collection("sequences"); // designs: their code is read as JavaScript
        List<Object> heard = new ArrayList<>();
        ValuePurgeTarget target = new ValuePurgeTarget("designs", designs, List.of("blocks"), true, heard::addAll);
        designs.insertOne(new Document("_id", "greet-ada").append("blocks", script("return 'hi'")));
        designs.insertOne(new Document("_id", "bill").append("blocks", script("return 'for Ada'")));
        designs.insertOne(new Document("_id", "sum").append("blocks", script("return Math.max(1, 2)")));
        PurgeScope.Value ada = new PurgeScope.Value("Ada");

        assertThat(target.planItems(ada)).containsExactly("bill", "greet-[redacted]");
        assertThat(target.planItems(new PurgeScope.Value("max"))).as("JavaScript's own names are not the value").isEmpty();
        assertThat(target.plan(new PurgeScope.Value("max"))).isZero();

        for (int i = 0; i < PurgeTarget.MAX_ITEMS + 3; i++) {
            designs.insertOne(new Document("_id", "d" + (100 + i)).append("blocks", script("'Ada'")));
        }
        List<String> items = target.planItems(ada);
        assertThat(items).hasSize(PurgeTarget.MAX_ITEMS + 1).last().isEqualTo("and 5 more");
        assertThat(heard).as("a plan changes nothing").isEmpty();
        assertThat(designs.countDocuments(new Document("_id", "greet-ada"))).isEqualTo(1);
    }

    private static List<Document> script(String source) {
        return List.of(new Document("id", "s").append("type", "script").append("config", new Document("source", source)));
    }
}
