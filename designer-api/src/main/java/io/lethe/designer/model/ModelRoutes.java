package io.lethe.designer.model;

import io.lethe.designer.Definitions;
import io.lethe.designer.sequence.Usage;
import io.lethe.designer.version.VersionRoutes;
import io.lethe.designer.version.VersionedSaves;
import io.lethe.engine.Engine;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Model;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.sequence.Trigger;
import io.lethe.engine.version.Version;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.QueryFlags;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/models}: models and their attributes, versioned. */
public final class ModelRoutes {

    static final String BASE = "/api/models";
    private final Engine engine;
    private final VersionedSaves saves;

    public ModelRoutes(Engine engine, VersionedSaves saves) {
        this.engine = engine;
        this.saves = saves;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Models";
        api.route(HttpMethod.GET, BASE, tag, "List models", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(engine.models().list().stream().map(this::describe).toList())));
        api.route(HttpMethod.POST, BASE, tag, "Create a model", Model.class, Role.DESIGNER)
                .handler(blocking.handler(ctx -> save(ctx, null)));
        api.route(HttpMethod.GET, BASE + "/:name", tag, "Get a model (ETag: its version)", Role.DESIGNER)
                .handler(blocking.handler(this::get));
        api.route(HttpMethod.PUT, BASE + "/:name", tag, "Save a model (If-Match: the version it is based on); 409 when instances"
                        + " hold values of attributes it removes or retypes, unless ?dropValues=true deletes them",
                Model.class, Role.DESIGNER)
                .handler(blocking.handler(ctx -> save(ctx, ctx.pathParam("name"))));
        api.route(HttpMethod.DELETE, BASE + "/:name", tag,
                "Delete a model; 409 when instances or sequences use it unless ?force=true by an admin", Role.DESIGNER, Role.ADMIN)
                .handler(blocking.handler(this::delete));
        new VersionRoutes(saves.versions(), Version.MODEL).mount(api, blocking, BASE, tag, this::restore);
    }

    private Reply get(RoutingContext ctx) {
        Model model = engine.models().get(ctx.pathParam("name"));
        VersionedSaves.etag(ctx, saves.current(Version.MODEL, model.name()));
        return Reply.ok(describe(model));
    }

    private Reply save(RoutingContext ctx, String pathName) {
        var body = Definitions.read(ctx, Model.class, pathName);
        return store(ctx, body.definition(), body.comment(), pathName == null);
    }

    private Reply store(RoutingContext ctx, Model model, String comment, boolean creating) {
        engine.models().validate(model, name -> false);
        int number = saves.next(ctx, Version.MODEL, model.name(), creating, engine.models().exists(model.name()));
        if (!creating && saves.unchanged(Version.MODEL, model.name(), number - 1, plain(model))) {
            VersionedSaves.etag(ctx, number - 1);
            return Reply.ok(describe(model));
        }
        dropValuesLeft(ctx, model);
        saves.record(Version.MODEL, model.name(), number, plain(model), CurrentUser.of(ctx).username(), comment);
        engine.models().save(model);
        VersionedSaves.etag(ctx, number);
        if (creating) {
            ctx.response().putHeader("Location", BASE + "/" + model.name());
        }
        return new Reply(creating ? 201 : 200, describe(model));
    }

    private Reply restore(RoutingContext ctx, Version version) {
        Model model = Json.parse(version.document(), Model.class);
        int number = saves.current(Version.MODEL, model.name()) + 1;
        dropValuesLeft(ctx, model);
        saves.record(Version.MODEL, model.name(), number, version.document(), CurrentUser.of(ctx).username(),
                "restored from version " + version.number());
        engine.models().save(model);
        VersionedSaves.etag(ctx, number);
        return Reply.ok(describe(model));
    }

    /**
     * Values of attributes the save removes or retypes would stay stored, answered and no longer
     * redacted or purgeable: refused (409 with how many instances hold each) unless
     * {@code ?dropValues=true}, which deletes them first.
     */
    private void dropValuesLeft(RoutingContext ctx, Model model) {
        Map<String, Long> left = engine.instances().valuesLeftBy(model);
        if (left.isEmpty()) {
            return;
        }
        if (!QueryFlags.flag(ctx, "dropValues")) {
            throw new ConflictException("instances hold values of attributes this save removes or retypes ("
                    + String.join(", ", left.keySet()) + "): they would stay stored but no longer be described, redacted or"
                    + " purgeable; purge them first, or save with ?dropValues=true to delete them", Map.of("attributes", left));
        }
        engine.instances().dropValues(model.name(), left.keySet());
    }

    private Reply delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        engine.models().get(name);
        boolean force = QueryFlags.flag(ctx, "force");
        if (force && !CurrentUser.of(ctx).has(Role.ADMIN)) {
            throw new HttpException(403, "only an admin may force the deletion of a model in use");
        }
        long instances = engine.instances().count(name, List.of(), true);
        List<String> sequences = usedBy(name);
        if (!force && (instances > 0 || !sequences.isEmpty())) {
            List<String> uses = new ArrayList<>();
            if (instances > 0) {
                uses.add(instances + (instances == 1 ? " instance" : " instances") + " (an admin may delete it with them)");
            }
            if (!sequences.isEmpty()) {
                uses.add("sequences " + String.join(", ", sequences));
            }
            throw new ConflictException("model '" + name + "' is in use: " + String.join("; ", uses),
                    Map.of("instances", instances, "sequences", sequences));
        }
        if (instances > 0) {
            engine.attributePurge().purge(name, List.of(), Map.of("_", PurgeStrategy.DELETE));
        }
        engine.models().delete(name);
        return Reply.noContent();
    }

    /** Sequences whose blocks or instance triggers name the model. */
    private List<String> usedBy(String model) {
        return Usage.naming(engine.sequences().list(), model,
                s -> s.blocks().stream().anyMatch(b -> model.equals(b.config().get("model")))
                        || s.triggers().stream().anyMatch(t -> t instanceof Trigger.InstanceEvent e && model.equals(e.model())));
    }

    private Map<String, Object> describe(Model model) {
        Map<String, Object> d = new LinkedHashMap<>(plain(model));
        d.put("version", saves.current(Version.MODEL, model.name()));
        return d;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Model model) {
        return (Map<String, Object>) Json.toPlain(model);
    }
}
