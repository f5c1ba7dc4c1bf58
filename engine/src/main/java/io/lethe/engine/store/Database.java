package io.lethe.engine.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The one handle on Lethe's MongoDB: the embedded in-process server by default, or a real
 * MongoDB given by URI. Both are spoken to through the real driver; store code never knows
 * which one it talks to. Owns the client and closes it (and the embedded server) cleanly.
 *
 * <p>Limits of the embedded server that stores must design around: no transactions, no TTL
 * indexes, no change streams, non-unique indexes accepted but not used, slow bulk writes, and
 * deleted bytes kept in the file until {@link #compact()}.
 */
public final class Database implements AutoCloseable {

    public static final String DEFAULT_NAME = "lethe";

    private final DatabaseMode mode;
    private final MongoClient client;
    private final MongoDatabase database;
    private final Optional<EmbeddedMongo> embedded;

    private Database(DatabaseMode mode, MongoClient client, String name, Optional<EmbeddedMongo> embedded) {
        this.mode = mode;
        this.client = client;
        this.database = client.getDatabase(name);
        this.embedded = embedded;
    }

    /**
     * Opens the database and checks it answers.
     *
     * @throws DatabaseUnavailableException with a one-line reason when it cannot be reached
     */
    public static Database open(DatabaseOptions options) {
        Optional<EmbeddedMongo> embedded = options.mongoUri().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedMongo.start(options.directory()));
        String uri = options.mongoUri().orElseGet(() -> embedded.orElseThrow().connectionString());
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new DatabaseUnavailableException("invalid MongoDB URI " + redact(uri) + ": " + e.getMessage(), e);
        }
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(
                        options.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
        options.commandListeners().forEach(settings::addCommandListener);
        MongoClient client = MongoClients.create(settings.build());
        String name = Optional.ofNullable(connection.getDatabase()).orElse(DEFAULT_NAME);
        Database database = new Database(
                embedded.isPresent() ? DatabaseMode.EMBEDDED : DatabaseMode.EXTERNAL, client, name, embedded);
        try {
            database.ping();
        } catch (MongoException e) {
            database.close();
            throw new DatabaseUnavailableException(
                    "cannot reach MongoDB at " + redact(uri) + ": " + reason(e, options), e);
        }
        return database;
    }

    public DatabaseMode mode() {
        return mode;
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    /** The driver's database handle, for stores that need typed collections or commands. */
    public MongoDatabase mongo() {
        return database;
    }

    /**
     * Throws a {@link MongoException} when the server does not answer, an {@link IllegalStateException} when the
     * embedded store has closed itself after a failure (it still answers a ping then, and fails every read and write).
     */
    public void ping() {
        database.runCommand(new Document("ping", 1));
        if (embedded.isPresent() && embedded.get().failed()) {
            throw new IllegalStateException("the embedded store closed itself after a failure: see the log, then restart Lethe");
        }
    }

    /**
     * Makes deleted and overwritten values physically gone from the database files.
     * Embedded: requests pause, the file is rewritten with only live pages, requests resume.
     * External: runs {@code compact} on every collection (where the server permits it).
     */
    public CompactionResult compact() {
        if (embedded.isPresent()) {
            return embedded.get().compact();
        }
        long before = storageSize();
        for (String name : database.listCollectionNames()) {
            database.runCommand(new Document("compact", name).append("force", true));
        }
        return new CompactionResult(before, storageSize());
    }

    /**
     * Gives {@code read} the database as it is at one instant, for a backup. Embedded: a copy of the
     * file to {@code copy}, taken while requests pause (as long as the copy takes) and served by a
     * second in-process server while {@code read} runs; the caller wipes the file afterwards (it holds
     * all the data). External: the live database, read collection by collection, so not one instant.
     */
    public <T> T readSnapshot(Path copy, Function<MongoDatabase, T> read) {
        if (embedded.isEmpty()) {
            return read.apply(database);
        }
        try (EmbeddedMongo frozen = embedded.get().copyTo(copy);
                MongoClient reader = MongoClients.create(frozen.connectionString())) {
            return read.apply(reader.getDatabase(database.getName()));
        }
    }

    /** Bytes the data occupies on disk: the file (embedded) or {@code dbStats.storageSize}. */
    public long storageSize() {
        if (embedded.isPresent()) {
            return embedded.get().fileSize();
        }
        Document stats = database.runCommand(new Document("dbStats", 1));
        return ((Number) stats.getOrDefault("storageSize", 0)).longValue();
    }

    /** Forces pending embedded writes to the file; a no-op on a real MongoDB. */
    public void flush() {
        embedded.ifPresent(EmbeddedMongo::flush);
    }

    @Override
    public void close() {
        client.close();
        embedded.ifPresent(EmbeddedMongo::close);
    }

    /** The innermost reason the driver gives, e.g. "Connection refused", on one line. */
    private static String reason(MongoException e, DatabaseOptions options) {
        String message = String.valueOf(e.getMessage());
        Matcher cause = Pattern.compile("caused by \\{[\\w.$]+: ([^}]*)}").matcher(message);
        String last = null;
        while (cause.find()) {
            last = cause.group(1);
        }
        if (e instanceof MongoTimeoutException) {
            return "no answer within " + options.serverSelectionTimeout().toMillis() + " ms"
                    + (last == null ? "" : " (" + last + ")");
        }
        return message.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    /** The URI without its password, fit for a log line or an error message. */
    static String redact(String uri) {
        return uri.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
