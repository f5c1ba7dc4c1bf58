package io.lethe.designer.sequence;

import io.lethe.designer.Definitions;
import io.lethe.designer.version.VersionRoutes;
import io.lethe.designer.version.VersionedSaves;
import io.lethe.engine.Engine;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.json.Json;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.Sequence;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code /api/sequences}: action sequences, versioned; manual runs; {@code /api/block-types}: the palette. */
public final class SequenceRoutes {

    static final String BASE = "/api/sequences";
    private final Engine engine;
    private final VersionedSaves saves;

    public SequenceRoutes(Engine engine, VersionedSaves saves) {
        this.engine = engine;
        this.saves = saves;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Sequences";
        api.route(HttpMethod.GET, "/api/block-types", tag, "The palette: every block type with its config schema and outcomes", Role.DESIGNER)
                .handler(ctx -> ctx.json(engine.blocks().all().stream().map(SequenceRoutes::describe).toList()));
        api.route(HttpMethod.GET, BASE, tag, "List sequences", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(engine.sequences().list().stream().map(SequenceRoutes::plain).toList())));
        api.route(HttpMethod.POST, BASE, tag, "Create a sequence", Sequence.class, Role.DESIGNER)
                .handler(blocking.handler(ctx -> save(ctx, null)));
        api.route(HttpMethod.GET, BASE + "/:name", tag, "Get a sequence (ETag: its version)", Role.DESIGNER)
                .handler(blocking.handler(this::get));
        api.route(HttpMethod.PUT, BASE + "/:name", tag, "Save a sequence (If-Match: the version it is based on)", Sequence.class,
                Role.DESIGNER)
                .handler(blocking.handler(ctx -> save(ctx, ctx.pathParam("name"))));
        api.route(HttpMethod.DELETE, BASE + "/:name", tag,
                        "Delete a sequence (its versions stay until purged); refused while others call it, unless ?force=true", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    String name = ctx.pathParam("name");
                    engine.sequences().get(name);
                    Usage.refuseInUse("sequence '" + name + "'", Usage.blocksNaming(engine.sequences().list(), "sequence", name),
                            QueryFlags.flag(ctx, "force"));
                    engine.sequences().delete(name);
                    engine.hookKeys().remove(name); // a sequence made later under the name must not open to the old key
                    return Reply.noContent();
                }));
        api.route(HttpMethod.POST, BASE + "/:name/run", tag, "Run now with {\"input\": ...}; answers the result", Role.DESIGNER)
                .handler(blocking.handler(this::run));
        new VersionRoutes(saves.versions(), Version.SEQUENCE).mount(api, blocking, BASE, tag, this::restore);
        new HookKeyRoutes(engine).mount(api, blocking, BASE, tag);
    }

    private Reply get(RoutingContext ctx) {
        Sequence sequence = engine.sequences().get(ctx.pathParam("name"));
        VersionedSaves.etag(ctx, sequence.version());
        return Reply.ok(plain(sequence));
    }

    private Reply save(RoutingContext ctx, String pathName) {
        var body = Definitions.read(ctx, Sequence.class, pathName);
        Sequence sequence = body.definition();
        engine.sequences().validate(sequence, null);
        boolean creating = pathName == null;
        int number = saves.next(ctx, Version.SEQUENCE, sequence.name(), creating, engine.sequences().exists(sequence.name()));
        Sequence current = sequence.withVersion(number - 1);
        if (!creating && saves.unchanged(Version.SEQUENCE, sequence.name(), number - 1, plain(current))) {
            VersionedSaves.etag(ctx, number - 1);
            return Reply.ok(plain(current));
        }
        Sequence numbered = sequence.withVersion(number);
        saves.record(Version.SEQUENCE, sequence.name(), number, plain(numbered), CurrentUser.of(ctx).username(), body.comment());
        Sequence saved = engine.sequences().save(numbered);
        VersionedSaves.etag(ctx, saved.version());
        if (creating) {
            ctx.response().putHeader("Location", BASE + "/" + saved.name());
        }
        return new Reply(creating ? 201 : 200, plain(saved));
    }

    private Reply restore(RoutingContext ctx, Version version) {
        String name = ctx.pathParam("name");
        int number = saves.current(Version.SEQUENCE, name) + 1;
        Sequence restored = Json.parse(version.document(), Sequence.class).withVersion(number);
        engine.sequences().validate(restored, null);
        saves.record(Version.SEQUENCE, name, number, plain(restored), CurrentUser.of(ctx).username(),
                "restored from version " + version.number());
        Sequence saved = engine.sequences().save(restored);
        VersionedSaves.etag(ctx, saved.version());
        return Reply.ok(plain(saved));
    }

    private Reply run(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("input"));
        body.validate();
        Object input = JsonBody.plainObject(ctx).get("input");
        ExecutionResult result = engine.run(ctx.pathParam("name"), TriggerInfo.manual(CurrentUser.of(ctx).username()),
                input == null ? Map.of() : input);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("executionId", result.executionId());
        answer.put("status", result.status().label());
        answer.put("output", result.output());
        answer.put("error", result.error());
        answer.put("path", result.path());
        result.response().ifPresent(r -> answer.put("response", Map.of("status", r.status(), "headers", r.headers(),
                "body", r.body() == null ? "" : r.body())));
        return Reply.ok(answer);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Sequence sequence) {
        return (Map<String, Object>) Json.toPlain(sequence);
    }

    private static Map<String, Object> describe(Block<?> block) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", block.type());
        d.put("description", block.description());
        d.put("outcomes", new TreeSet<>(block.outcomes()));
        d.put("configSchema", block.schema().toJsonSchema());
        return d;
    }
}
