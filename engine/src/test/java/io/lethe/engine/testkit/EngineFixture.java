package io.lethe.engine.testkit;

import io.lethe.engine.Engine;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.model.Model;
import io.lethe.engine.script.ScriptSettings;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An engine over an embedded database in a directory, with helpers to save and run sequences. */
public final class EngineFixture implements AutoCloseable {

    public final Database database;
    public final Engine engine;

    public EngineFixture(Path dir) {
        this(dir, Clock.systemUTC());
    }

    public EngineFixture(Path dir, Clock clock) {
        this.database = Database.open(DatabaseOptions.embedded(dir));
        this.engine = new Engine(database, clock, ScriptSettings.defaults());
    }

    /** A name unique to this test run, for models and sequences. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public Model model(Model model) {
        return engine.models().save(model);
    }

    /** Saves a sequence of {@code blocks} entered at the first one; returns its name. */
    public String sequence(List<BlockDefinition> blocks) {
        return engine.sequences().save(Sequence.of(unique("seq"), blocks.get(0).id(), blocks)).name();
    }

    public ExecutionResult run(String sequence, Object input) {
        return engine.run(sequence, TriggerInfo.manual("test"), input == null ? Map.of() : input);
    }

    @Override
    public void close() {
        engine.close();
        database.close();
    }
}
