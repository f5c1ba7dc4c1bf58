package io.lethe.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.MongoModelStore;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import io.lethe.engine.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstancesTest {

    @TempDir
    static Path dir;

    static Database database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final List<InstanceEvent> events = new ArrayList<>();
    Instances instances;
    String model;

    @BeforeAll
    static void open() {
        database = Database.open(DatabaseOptions.embedded(dir));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void setUp() {
        var models = new MongoModelStore(database);
        model = "person" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        models.save(Model.of(model,
                Attribute.of("name", AttributeType.STRING).required(true).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("age", AttributeType.NUMBER).indexed(true),
                Attribute.of("born", AttributeType.DATE),
                Attribute.of("vip", AttributeType.BOOLEAN).defaultValue(false),
                Attribute.of("address", AttributeType.OBJECT),
                Attribute.of("tags", AttributeType.LIST)));
        InstanceEvents bus = new InstanceEvents();
        bus.subscribe(events::add);
        instances = new Instances(models, new MongoInstanceStore(database), bus, clock);
    }

    @Test
    void shouldCreateWithDefaultsAndNormalisedDates() {
        Instance ada = instances.create(model, Map.of("name", "Ada", "age", 36, "born", "1815-12-10T00:00:00+01:00"));

        Instance read = instances.get(model, ada.id());
        assertThat(read.data()).containsEntry("name", "Ada").containsEntry("age", 36).containsEntry("vip", false)
                .containsEntry("born", "1815-12-09T23:00:00.000Z");
        assertThat(read.active()).isTrue();
        assertThat(events).extracting(InstanceEvent::type).containsExactly(InstanceEvent.Type.CREATED);
    }

    @Test
    void shouldAnswerTheCreationTimeAsALaterReadGivesIt() {
        clock.advance(Duration.ofNanos(123_456_789));

        Instance ada = instances.create(model, Map.of("name", "Ada"));

        assertThat(ada.createdAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00.123Z"))
                .isEqualTo(instances.get(model, ada.id()).createdAt());
        assertThat(ada.updatedAt()).isEqualTo(instances.get(model, ada.id()).updatedAt());
    }

    @Test
    void shouldTakeADayAsItsStartInUtc() {
        Instance ada = instances.create(model, Map.of("name", "Ada", "born", "1815-12-10"));

        assertThat(instances.get(model, ada.id()).data()).containsEntry("born", "1815-12-10T00:00:00.000Z");
        assertThatThrownBy(() -> instances.create(model, Map.of("name", "Bob", "born", "1815-13-40")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> assertThat(err.message()).contains("or a day, 2026-01-31")));
    }

    @Test
    void shouldRefuseAReferenceToAnInstanceThatIsNotStored() {
        var models = new MongoModelStore(database);
        String orders = model + "_order";
        models.save(Model.of(orders, Attribute.of("buyer", AttributeType.REFERENCE).reference(model), Attribute.of("meta", AttributeType.OBJECT)));
        Instance ada = instances.create(model, Map.of("name", "Ada"));

        Instance order = instances.create(orders, Map.of("buyer", ada.id()));

        assertThatThrownBy(() -> instances.create(orders, Map.of("buyer", "no-such-id", "meta", List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer, FieldError::message).containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("/buyer", "no " + model + " instance 'no-such-id'"),
                                org.assertj.core.groups.Tuple.tuple("/meta", "must be an object")));
        assertThatThrownBy(() -> instances.update(orders, order.id(), Map.of("buyer", "no-such-id")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(instances.get(orders, order.id()).data()).containsEntry("buyer", ada.id());
        assertThat(instances.count(orders, List.of(), true)).isEqualTo(1);
    }

    @Test
    void shouldRefuseInvalidDataAndStoreNothing() {
        assertThatThrownBy(() -> instances.create(model, Map.of("age", "old", "shoe", 42)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer).containsExactlyInAnyOrder("/age", "/shoe", "/name"));

        assertThat(instances.count(model, List.of(), true)).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void shouldUpdateOnlyTheGivenAttributes() {
        Instance ada = instances.create(model, Map.of("name", "Ada", "age", 36));

        Instance updated = instances.update(model, ada.id(), Map.of("age", 37));

        assertThat(updated.data()).containsEntry("name", "Ada").containsEntry("age", 37);
        assertThat(events).extracting(InstanceEvent::type).containsExactly(InstanceEvent.Type.CREATED, InstanceEvent.Type.UPDATED);
        assertThatThrownBy(() -> instances.update(model, "nope", Map.of("age", 1))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldQueryByEqualityRangeInAndRegexWithSorting() {
        for (String name : List.of("Ada", "Alan", "Grace", "Edsger", "Barbara")) {
            instances.create(model, Map.of("name", name, "age", name.length() * 10));
        }

        assertThat(names(InstanceQuery.all(model).where(new Condition.Equals("name", "Grace")))).containsExactly("Grace");
        assertThat(names(InstanceQuery.all(model).where(new Condition.Range("age", null, 40, null, 60)).sortBy("age", false)))
                .containsExactly("Alan", "Grace", "Edsger");
        assertThat(names(InstanceQuery.all(model).where(new Condition.In("name", List.of("Ada", "Alan"))).sortBy("name", true)))
                .containsExactly("Alan", "Ada");
        assertThat(names(InstanceQuery.all(model).where(new Condition.Matches("name", "^a", true)).sortBy("name", false)))
                .containsExactly("Ada", "Alan");
        assertThatThrownBy(() -> instances.query(InstanceQuery.all(model).where(new Condition.Equals("shoe", 1))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shouldRefuseQueryValuesOfAnotherTypeOrHoldingOperatorsAndNameEach() {
        instances.create(model, Map.of("name", "Ada", "age", 36, "address", Map.of("city", "London"), "tags", List.of("vip")));
        instances.create(model, Map.of("name", "Grace", "age", 45));

        assertThatThrownBy(() -> instances.query(InstanceQuery.all(model).where(
                new Condition.Equals("address", Map.of("city", Map.of("$ne", 1))), // matched both instances before
                new Condition.Range("age", "35", null, null, null), // matched none, silently
                new Condition.In("name", List.of("Ada", 3)),
                new Condition.Matches("age", "^3", false))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::pointer)
                        .containsExactly("/where/address/city/$ne", "/where/age/gt", "/where/name/in/1", "/where/age/regex"));
        assertThatThrownBy(() -> instances.count(model, List.of(new Condition.Equals("name", Map.of("$gt", ""))), true))
                .isInstanceOf(InvalidInputException.class);

        assertThat(names(InstanceQuery.all(model).where(new Condition.Equals("tags", "vip")))).as("a list holding it")
                .containsExactly("Ada");
        assertThat(names(InstanceQuery.all(model).where(new Condition.Equals("address", Map.of("city", "London"))))).containsExactly("Ada");
    }

    @Test
    void shouldRefuseDataHoldingKeysADatabaseReadsAsOperators() {
        assertThatThrownBy(() -> instances.create(model, Map.of("name", "Ada", "address", Map.of("lines", List.of(Map.of("$set", 1))))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::pointer)
                        .containsExactly("/address/lines/0/$set"));
        assertThat(instances.count(model, List.of(), true)).isZero();
    }

    @Test
    void shouldOverwriteWhatAQueryFindsWithTheSameConditions() {
        instances.create(model, Map.of("name", "Ada", "born", "1815-12-10"));

        long overwritten = instances.overwriteAll(model, List.of(), List.of(new Condition.Equals("born", "1815-12-10")),
                Map.of("name", "x"));

        assertThat(overwritten).as("the day is compared as stored, normalised").isEqualTo(1);
        assertThat(names(InstanceQuery.all(model))).containsExactly("x");
    }

    @Test
    void shouldPageThroughEverythingExactlyOnceWithACursor() {
        for (int i = 0; i < 25; i++) {
            instances.create(model, Map.of("name", "p" + i, "age", i % 4));
        }
        List<String> seen = new ArrayList<>();
        InstanceQuery query = InstanceQuery.all(model).sortBy("age", false).limit(7);
        Page page;
        int pages = 0;
        do {
            page = instances.query(query);
            page.items().forEach(i -> seen.add((String) i.data().get("name")));
            query = query.after(page.nextCursor());
            pages++;
        } while (page.nextCursor() != null);

        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThatThrownBy(() -> instances.query(InstanceQuery.all(model).after("garbage")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shouldHideDeactivatedInstancesButSayTheyAreStillStored() {
        Instance ada = instances.create(model, Map.of("name", "Ada"));
        instances.create(model, Map.of("name", "Alan"));

        instances.deactivate(model, ada.id());

        assertThat(names(InstanceQuery.all(model))).containsExactly("Alan");
        assertThat(instances.countDeactivated(model)).isEqualTo(1);
        assertThat(names(InstanceQuery.all(model).includingInactive())).containsExactlyInAnyOrder("Ada", "Alan");
        assertThat(instances.get(model, ada.id()).data()).containsEntry("name", "Ada");

        instances.reactivate(model, ada.id());
        assertThat(instances.countDeactivated(model)).isZero();
        assertThat(names(InstanceQuery.all(model))).containsExactlyInAnyOrder("Ada", "Alan");
    }

    @Test
    void shouldGarbageCollectOnlyInstancesDeactivatedLongEnough() {
        Instance old = instances.create(model, Map.of("name", "Old"));
        instances.deactivate(model, old.id());
        clock.advance(Duration.ofDays(20));
        Instance recent = instances.create(model, Map.of("name", "Recent"));
        instances.deactivate(model, recent.id());
        clock.advance(Duration.ofDays(11));

        long removed = instances.collectGarbage(Duration.ofDays(30));

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(database.collection(MongoInstanceStore.COLLECTION).countDocuments(new Document("_id", old.id()))).isZero();
        assertThat(instances.get(model, recent.id()).active()).isFalse();
    }

    @Test
    void shouldNotPutOffTheCollectionOfAnInstanceDeactivatedAgain() {
        Instance old = instances.create(model, Map.of("name", "Old"));
        instances.deactivate(model, old.id());
        clock.advance(Duration.ofDays(29));
        events.clear();

        Instance again = instances.deactivate(model, old.id());
        instances.update(model, old.id(), Map.of()); // nothing to set: no write, no event
        clock.advance(Duration.ofDays(2));

        assertThat(again.deactivatedAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(events).as("nothing changed, so no event").isEmpty();
        assertThat(instances.collectGarbage(Duration.ofDays(30))).isGreaterThanOrEqualTo(1);
        assertThat(instances.find(model, old.id())).isEmpty();
    }

    @Test
    void shouldDeleteForGood() {
        Instance ada = instances.create(model, Map.of("name", "Ada"));

        instances.delete(model, ada.id());

        assertThatThrownBy(() -> instances.get(model, ada.id())).isInstanceOf(NotFoundException.class);
        assertThat(events).extracting(InstanceEvent::type).containsExactly(InstanceEvent.Type.CREATED, InstanceEvent.Type.DELETED);
    }

    @Test
    void shouldEraseWhatIdsOrConditionsSelectInOneGoWithoutEvents() {
        Instance ada = instances.create(model, Map.of("name", "Ada", "age", 36));
        Instance alan = instances.create(model, Map.of("name", "Alan", "age", 41));
        Instance grace = instances.create(model, Map.of("name", "Grace", "age", 85));
        Instance edsger = instances.create(model, Map.of("name", "Edsger", "age", 72));
        instances.deactivate(model, edsger.id());
        events.clear();

        long byIds = instances.eraseAll(model, List.of(ada.id(), "no-such-id"), List.of());
        long noMatch = instances.eraseAll(model, List.of(), Conditions.parse(Map.of("name", Map.of("regex", "^al"))));
        long byPattern = instances.eraseAll(model, List.of(), Conditions.parse(Map.of("name", Map.of("regex", "^Al"))));
        long rest = instances.eraseAll(model, List.of(), List.of());

        assertThat(byIds).isEqualTo(1);
        assertThat(noMatch).as("a pattern matching nothing erases nothing, not everything").isZero();
        assertThat(byPattern).isEqualTo(1);
        assertThat(rest).as("the others, the deactivated one too").isEqualTo(2);
        for (Instance i : List.of(ada, alan, grace, edsger)) {
            assertThat(instances.find(model, i.id())).isEmpty();
        }
        assertThat(events).as("a purge hands nothing to triggered sequences").isEmpty();
    }

    @Test
    void shouldEraseByIdOnlyTheInstancesOfTheModelNamed() {
        Instance ada = instances.create(model, Map.of("name", "Ada"));
        Instance alan = instances.create(model, Map.of("name", "Alan", "age", 41));

        assertThat(new MongoInstanceStore(database).deleteAll("other" + model, List.of(ada.id()), List.of())).isZero();
        assertThat(instances.eraseAll(model, List.of(), Conditions.parse(Map.of("age", Map.of("gt", 40))))).isEqualTo(1);

        assertThat(instances.find(model, ada.id())).isPresent();
        assertThat(instances.find(model, alan.id())).isEmpty();
    }

    private List<String> names(InstanceQuery query) {
        return instances.query(query).items().stream().map(i -> (String) i.data().get("name")).toList();
    }

    @Test
    void shouldReachAnInstanceOnlyThroughItsOwnModel() {
        Instance ada = instances.create(model, Map.of("name", "Ada", "age", 36));
        var store = new MongoInstanceStore(database);
        String other = "other" + model;

        assertThat(store.find(other, ada.id())).isEmpty();
        assertThat(store.update(other, ada.id(), Map.of("age", 99), clock.instant())).isFalse();
        assertThat(store.setActive(other, ada.id(), false, clock.instant())).isFalse();
        assertThat(store.delete(other, ada.id())).isFalse();

        assertThat(instances.get(model, ada.id()).data()).containsEntry("age", 36);
        assertThat(instances.get(model, ada.id()).active()).isTrue();
        assertThat(store.update(model, ada.id(), Map.of("age", 37), clock.instant())).isTrue();
        assertThat(store.delete(model, ada.id())).isTrue();
        assertThat(store.find(model, ada.id())).isEmpty();
    }
}
