package io.lethe.web.auth;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.retention.StaffAccounts;
import io.lethe.engine.store.Database;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/** Users in the {@code users} collection, keyed by username. */
public final class MongoUserStore implements UserStore {

    public static final String COLLECTION = StaffAccounts.COLLECTION; // a value purge removes an account it names from backups

    private final MongoCollection<Document> users;

    public MongoUserStore(Database database) {
        this.users = database.collection(COLLECTION);
    }

    @Override
    public Optional<User> find(String username) {
        return Optional.ofNullable(users.find(Filters.eq("_id", username)).first()).map(MongoUserStore::toUser);
    }

    @Override
    public List<User> list() {
        return users.find().sort(Sorts.ascending("_id")).map(MongoUserStore::toUser).into(new ArrayList<>());
    }

    @Override
    public void create(User user) {
        try {
            users.insertOne(toDocument(user));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ConflictException("user '" + user.username() + "' already exists");
            }
            throw e;
        }
    }

    @Override
    public boolean update(User user) {
        return users.replaceOne(Filters.eq("_id", user.username()), toDocument(user)).getMatchedCount() == 1;
    }

    @Override
    public boolean delete(String username) {
        return users.deleteOne(Filters.eq("_id", username)).getDeletedCount() == 1;
    }

    @Override
    public long count() {
        return users.countDocuments();
    }

    @Override
    public long countWithRole(Role role) {
        return users.countDocuments(Filters.eq("roles", role.label()));
    }

    private static Document toDocument(User user) {
        return new Document("_id", user.username())
                .append("passwordHash", user.passwordHash())
                .append("roles", new ArrayList<>(Role.labels(user.roles())))
                .append("tokenVersion", user.tokenVersion())
                .append("createdAt", Date.from(user.createdAt()));
    }

    private static User toUser(Document doc) {
        Set<Role> roles = doc.getList("roles", String.class).stream()
                .map(Role::parse).flatMap(Optional::stream).collect(Collectors.toSet());
        return new User(doc.getString("_id"), doc.getString("passwordHash"), roles,
                doc.getInteger("tokenVersion", 0), doc.getDate("createdAt").toInstant());
    }
}
