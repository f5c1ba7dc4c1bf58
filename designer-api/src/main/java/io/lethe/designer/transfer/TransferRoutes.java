package io.lethe.designer.transfer;

import io.lethe.designer.connector.ConnectorRoutes;
import io.lethe.designer.version.VersionedSaves;
import io.lethe.engine.Engine;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.Ids;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Model;
import io.lethe.engine.secret.Sha256;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.SequenceCompiler;
import io.lethe.engine.sequence.Trigger;
import io.lethe.engine.transfer.ExportEntry;
import io.lethe.engine.version.Version;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.JsonBody;
import io.lethe.http.QueryFlags;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Export designs as one JSON bundle (models, sequences, connector accounts without secrets), each
 * export recorded in the export register; import a bundle all-or-nothing: every problem and every
 * name clash is reported and nothing is written unless all is well.
 */
public final class TransferRoutes {

    public static final String FORMAT = "lethe-bundle/1";
    private final Engine engine;
    private final VersionedSaves saves;
    private final Clock clock;

    public TransferRoutes(Engine engine, VersionedSaves saves, Clock clock) {
        this.engine = engine;
        this.saves = saves;
        this.clock = clock;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Export and import";
        api.route(HttpMethod.GET, "/api/export", tag,
                "Export a bundle (?models=a,b&sequences=&connectors=; all when none named); recorded in the export register",
                Role.DESIGNER).handler(blocking.handler(this::export));
        api.route(HttpMethod.POST, "/api/import", tag, "Import a bundle, all or nothing; names that exist are a conflict unless"
                + " ?replace=true saves them as new versions (unchanged ones are left as they are)", Role.DESIGNER)
                .handler(blocking.handler(this::importBundle));
        api.route(HttpMethod.GET, "/api/exports", tag, "The export register: every export made, newest first", Role.DESIGNER, Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(engine.exports().list(null).stream().map(TransferRoutes::describe).toList())));
    }

    private Reply export(RoutingContext ctx) {
        var q = ctx.queryParams();
        boolean all = q.get("models") == null && q.get("sequences") == null && q.get("connectors") == null;
        List<Model> models = pick(engine.models().list(), Model::name, q.get("models"), "models", all);
        List<Sequence> sequences = pick(engine.sequences().list(), Sequence::name, q.get("sequences"), "sequences", all);
        List<ConnectorAccount> connectors =
                pick(engine.connectors().list(), ConnectorAccount::name, q.get("connectors"), "connectors", all);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", FORMAT);
        bundle.put("exportedAt", clock.instant().toString());
        bundle.put("models", models.stream().map(Json::toPlain).toList());
        bundle.put("sequences", sequences.stream().map(Json::toPlain).toList());
        bundle.put("connectors", connectors.stream().map(ConnectorRoutes::versionDocument).toList());
        byte[] bytes = Json.write(bundle).getBytes(StandardCharsets.UTF_8);
        engine.exports().record(new ExportEntry(Ids.next(), CurrentUser.of(ctx).username(),
                clock.instant(), names(models, Model::name), names(sequences, Sequence::name),
                names(connectors, ConnectorAccount::name), Sha256.hex(bytes), bytes.length));
        ctx.response().putHeader("Content-Disposition", "attachment; filename=\"lethe-export.json\"");
        return new Reply(200, new Blocking.Raw(bytes, "application/json"));
    }

    private Reply importBundle(RoutingContext ctx) {
        Map<String, Object> body = JsonBody.plainObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!Set.of("format", "exportedAt", "models", "sequences", "connectors").contains(key)) {
                errors.add(new FieldError("/" + key, "unknown field"));
            }
        }
        if (!FORMAT.equals(body.get("format"))) {
            errors.add(new FieldError("/format", "must be " + FORMAT));
        }
        List<Model> models = parseAll(body, "models", Model.class, errors);
        List<Sequence> sequences = parseAll(body, "sequences", Sequence.class, errors);
        List<ConnectorAccount> connectors = parseConnectors(body, errors);
        namedOnce("models", models, Model::name, errors);
        namedOnce("sequences", sequences, Sequence::name, errors);
        namedOnce("connectors", connectors, ConnectorAccount::name, errors);
        List<String> clashes = new ArrayList<>();
        models.stream().filter(m -> engine.models().exists(m.name())).forEach(m -> clashes.add("model " + m.name()));
        sequences.stream().filter(s -> engine.sequences().exists(s.name())).forEach(s -> clashes.add("sequence " + s.name()));
        connectors.stream().filter(c -> engine.connectors().find(c.name()).isPresent()).forEach(c -> clashes.add("connector " + c.name()));
        boolean replace = QueryFlags.flag(ctx, "replace");
        if (errors.isEmpty() && !clashes.isEmpty() && !replace) {
            throw new ConflictException("names in the bundle already exist; rename or delete them first, or import with"
                    + " ?replace=true to save them as new versions", Map.of("clashes", clashes));
        }
        // Replacing: what is the same as stored is left alone, a connector keeps its secrets.
        List<String> unchanged = new ArrayList<>();
        models = changed(models, Model::name, engine.models()::find, Json::plainMap, "model", unchanged);
        sequences = changed(sequences, Sequence::name, engine.sequences()::find, s -> Json.plainMap(s.withVersion(0)),
                "sequence", unchanged);
        Map<String, ConnectorAccount> storedConnectors = new HashMap<>();
        connectors.forEach(c -> engine.connectors().find(c.name()).ifPresent(stored -> storedConnectors.put(c.name(), stored)));
        connectors = connectors.stream().map(c -> Optional.ofNullable(storedConnectors.get(c.name()))
                .map(stored -> new ConnectorAccount(c.name(), c.description(), c.baseUrl(), stored.secretHeaders())).orElse(c)).toList();
        connectors = changed(connectors, ConnectorAccount::name, name -> Optional.ofNullable(storedConnectors.get(name)),
                ConnectorRoutes::versionDocument, "connector", unchanged);
        Set<String> modelNames = models.stream().map(Model::name).collect(Collectors.toSet());
        Set<String> sequenceNames = sequences.stream().map(Sequence::name).collect(Collectors.toSet());
        Set<String> connectorNames = connectors.stream().map(ConnectorAccount::name).collect(Collectors.toSet());
        for (int i = 0; i < models.size(); i++) {
            Model model = models.get(i);
            check(errors, "/models/" + i, () -> engine.models().validate(model, modelNames::contains));
            Map<String, Long> left = engine.instances().valuesLeftBy(model);
            if (!left.isEmpty()) {
                errors.add(new FieldError("/models/" + i + "/attributes", "instances of '" + model.name() + "' hold values of attributes"
                        + " this import removes or retypes (" + String.join(", ", left.keySet()) + "): save the model in the editor"
                        + " first (it offers to delete them) or purge them"));
            }
        }
        for (int i = 0; i < connectors.size(); i++) {
            ConnectorAccount connector = connectors.get(i);
            check(errors, "/connectors/" + i, () -> ConnectorRoutes.validate(connector));
        }
        List<Sequence> sequencesSaved = sequences;
        var extra = new SequenceCompiler.Lookups(modelNames::contains, sequenceNames::contains, connectorNames::contains);
        for (int i = 0; i < sequences.size(); i++) {
            Sequence sequence = sequences.get(i);
            check(errors, "/sequences/" + i, () -> engine.sequences().validate(sequence, extra, sequencesSaved));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String author = CurrentUser.of(ctx).username();
        // A name deleted here before has versions still (until purged): the import continues its history.
        for (ConnectorAccount c : connectors) {
            saves.record(Version.CONNECTOR, c.name(), saves.current(Version.CONNECTOR, c.name()) + 1,
                    ConnectorRoutes.versionDocument(c), author, "imported");
            engine.connectors().save(c);
        }
        for (Model m : models) {
            saves.record(Version.MODEL, m.name(), saves.current(Version.MODEL, m.name()) + 1, Json.plainMap(m), author, "imported");
            engine.models().save(m);
        }
        for (Sequence s : sequences) {
            Sequence numbered = s.withVersion(saves.current(Version.SEQUENCE, s.name()) + 1);
            saves.record(Version.SEQUENCE, s.name(), numbered.version(), Json.plainMap(numbered), author, "imported");
            engine.sequences().save(numbered);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("models", List.copyOf(modelNames));
        answer.put("sequences", List.copyOf(sequenceNames));
        answer.put("connectors", List.copyOf(connectorNames));
        answer.put("connectorsNeedingSecrets",
                connectors.stream().filter(c -> c.secretHeaders().isEmpty()).map(ConnectorAccount::name).toList());
        answer.put("sequencesNeedingHookKeys", sequences.stream()
                .filter(q -> q.triggers().stream().anyMatch(t -> t instanceof Trigger.Http http && http.requireKey()))
                .filter(q -> engine.hookKeys().find(q.name()).isEmpty()).map(Sequence::name).toList());
        answer.put("unchanged", unchanged);
        return Reply.created(answer);
    }

    /** The items that are new or differ from the stored ones; the names of the others are added to {@code unchanged}. */
    private static <T> List<T> changed(List<T> items, Function<T, String> name, Function<String, Optional<T>> stored,
            Function<T, Object> document, String kind, List<String> unchanged) {
        List<T> changed = new ArrayList<>();
        for (T item : items) {
            var current = stored.apply(name.apply(item));
            if (current.isPresent() && Json.canonical(document.apply(current.get())).equals(Json.canonical(document.apply(item)))) {
                unchanged.add(kind + " " + name.apply(item));
            } else {
                changed.add(item);
            }
        }
        return changed;
    }

    private static <T> List<T> parseAll(Map<String, Object> body, String key, Class<T> type, List<FieldError> errors) {
        List<T> parsed = new ArrayList<>();
        Object list = body.getOrDefault(key, List.of());
        if (!(list instanceof List<?> items)) {
            errors.add(new FieldError("/" + key, "must be an array"));
            return parsed;
        }
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            check(errors, "/" + key + "/" + i, () -> parsed.add(Json.parse(items.get(index), type)));
        }
        return parsed;
    }

    /** A connector as exported: its name, description, base URL and the names of its secret headers, never their values. */
    private static List<ConnectorAccount> parseConnectors(Map<String, Object> body, List<FieldError> errors) {
        List<ConnectorAccount> parsed = new ArrayList<>();
        Object list = body.getOrDefault("connectors", List.of());
        if (!(list instanceof List<?> items)) {
            errors.add(new FieldError("/connectors", "must be an array"));
            return parsed;
        }
        for (int i = 0; i < items.size(); i++) {
            String at = "/connectors/" + i;
            if (!(items.get(i) instanceof Map<?, ?> c)) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            int before = errors.size();
            for (Object key : c.keySet()) {
                if ("secretHeaders".equals(key)) {
                    errors.add(new FieldError(at + "/secretHeaders",
                            "secrets are never imported (exports leave them out): set them on the connector account after the import"));
                } else if (!Set.of("name", "description", "baseUrl", "secretHeaderNames").contains(key)) {
                    errors.add(new FieldError(at + "/" + key, "unknown field"));
                }
            }
            for (String key : List.of("name", "baseUrl", "description")) {
                if ((c.get(key) != null || !key.equals("description")) && !(c.get(key) instanceof String)) {
                    errors.add(new FieldError(at + "/" + key, c.get(key) == null ? "is required" : "must be text"));
                }
            }
            if (errors.size() == before) {
                parsed.add(new ConnectorAccount((String) c.get("name"), (String) c.get("description"), (String) c.get("baseUrl"),
                        Map.of()));
            }
        }
        return parsed;
    }

    /** Each name at most once in the bundle (the second would be saved over the first as its next version). */
    private static <T> void namedOnce(String key, List<T> items, Function<T, String> name, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(name.apply(items.get(i)))) {
                errors.add(new FieldError("/" + key + "/" + i + "/name", "'" + name.apply(items.get(i)) + "' is in the bundle twice"));
            }
        }
    }

    private static void check(List<FieldError> errors, String prefix, Runnable validation) {
        try {
            validation.run();
        } catch (InvalidInputException e) {
            e.errors().forEach(err -> errors.add(new FieldError(prefix + err.pointer(), err.message())));
        }
    }

    private static <T> List<T> pick(List<T> all, Function<T, String> name, String wanted, String parameter, boolean everything) {
        if (everything) {
            return all;
        }
        Set<String> names = wanted == null ? Set.of() : Set.of(wanted.split(","));
        List<String> missing = names.stream().filter(n -> all.stream().noneMatch(t -> name.apply(t).equals(n))).sorted().toList();
        if (!missing.isEmpty()) {
            throw InvalidInputException.of("/" + parameter, "not found: " + String.join(", ", missing));
        }
        return all.stream().filter(t -> names.contains(name.apply(t))).toList();
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    private static Map<String, Object> describe(ExportEntry e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", e.id());
        d.put("exportedBy", e.exportedBy());
        d.put("exportedAt", e.exportedAt().toString());
        d.put("models", e.models());
        d.put("sequences", e.sequences());
        d.put("connectors", e.connectors());
        d.put("sha256", e.sha256());
        d.put("bytes", e.bytes());
        return d;
    }
}
