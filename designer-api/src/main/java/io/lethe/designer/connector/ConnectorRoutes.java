package io.lethe.designer.connector;

import io.lethe.designer.Definitions;
import io.lethe.designer.sequence.Usage;
import io.lethe.designer.version.VersionRoutes;
import io.lethe.designer.version.VersionedSaves;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.connector.HeaderRules;
import io.lethe.engine.connector.ConnectorStore;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.SequenceCompiler;
import io.lethe.engine.version.Version;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.QueryFlags;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code /api/connectors}: connector accounts. Secret header values are write-only: answers and
 * versions show only their names. A save without {@code secretHeaders} keeps the stored ones.
 */
public final class ConnectorRoutes {

    static final String BASE = "/api/connectors";
    static final int MIN_SECRET_LENGTH = 8;
    private final ConnectorStore connectors;
    private final Supplier<List<Sequence>> sequences;
    private final VersionedSaves saves;

    /** @param sequences the sequences saved now (a connector in use by one is not deleted) */
    public ConnectorRoutes(ConnectorStore connectors, Supplier<List<Sequence>> sequences, VersionedSaves saves) {
        this.sequences = sequences;
        this.connectors = connectors;
        this.saves = saves;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Connectors";
        api.route(HttpMethod.GET, BASE, tag, "List connector accounts (secret values never shown)", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(connectors.list().stream().map(this::describe).toList())));
        api.route(HttpMethod.POST, BASE, tag, "Create a connector account", ConnectorAccount.class, Role.DESIGNER)
                .handler(blocking.handler(ctx -> save(ctx, null)));
        api.route(HttpMethod.GET, BASE + "/:name", tag, "Get a connector account (ETag: its version)", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    ConnectorAccount account = existing(ctx.pathParam("name"));
                    VersionedSaves.etag(ctx, saves.current(Version.CONNECTOR, account.name()));
                    return Reply.ok(describe(account));
                }));
        api.route(HttpMethod.PUT, BASE + "/:name", tag, "Save a connector account (If-Match)", ConnectorAccount.class, Role.DESIGNER)
                .handler(blocking.handler(ctx -> save(ctx, ctx.pathParam("name"))));
        api.route(HttpMethod.DELETE, BASE + "/:name", tag,
                        "Delete a connector account; refused while sequences use it, unless ?force=true", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    String name = existing(ctx.pathParam("name")).name();
                    Usage.refuseInUse("connector account '" + name + "'", Usage.blocksNaming(sequences.get(), "connector", name),
                            QueryFlags.flag(ctx, "force"));
                    if (!connectors.delete(name)) {
                        throw new NotFoundException("no connector account '" + name + "'");
                    }
                    return Reply.noContent();
                }));
        new VersionRoutes(saves.versions(), Version.CONNECTOR).mount(api, blocking, BASE, tag, this::restore);
    }

    private Reply save(RoutingContext ctx, String pathName) {
        var body = Definitions.read(ctx, ConnectorAccount.class, pathName);
        ConnectorAccount account = body.definition();
        boolean creating = pathName == null;
        if (!creating && !body.plain().containsKey("secretHeaders")) {
            account = new ConnectorAccount(account.name(), account.description(), account.baseUrl(), existing(pathName).secretHeaders());
        }
        validate(account);
        int number = saves.next(ctx, Version.CONNECTOR, account.name(), creating, connectors.find(account.name()).isPresent());
        saves.record(Version.CONNECTOR, account.name(), number, versionDocument(account), CurrentUser.of(ctx).username(), body.comment());
        connectors.save(account);
        VersionedSaves.etag(ctx, number);
        if (creating) {
            ctx.response().putHeader("Location", BASE + "/" + account.name());
        }
        return new Reply(creating ? 201 : 200, describe(account));
    }

    private Reply restore(RoutingContext ctx, Version version) {
        ConnectorAccount current = existing(ctx.pathParam("name"));
        Map<String, String> kept = new LinkedHashMap<>();
        Object names = version.document().get("secretHeaderNames");
        if (names instanceof List<?> list) {
            list.forEach(n -> {
                if (current.secretHeaders().containsKey(String.valueOf(n))) {
                    kept.put(String.valueOf(n), current.secretHeaders().get(String.valueOf(n)));
                }
            });
        }
        ConnectorAccount restored = new ConnectorAccount(current.name(), (String) version.document().get("description"),
                (String) version.document().get("baseUrl"), kept);
        int number = saves.current(Version.CONNECTOR, current.name()) + 1;
        saves.record(Version.CONNECTOR, current.name(), number, versionDocument(restored), CurrentUser.of(ctx).username(),
                "restored from version " + version.number());
        connectors.save(restored);
        VersionedSaves.etag(ctx, number);
        return Reply.ok(describe(restored));
    }

    private ConnectorAccount existing(String name) {
        return connectors.find(name).orElseThrow(() -> new NotFoundException("no connector account '" + name + "'"));
    }

    /** Problems with an account definition, thrown together. */
    public static void validate(ConnectorAccount account) {
        List<FieldError> errors = new ArrayList<>();
        if (account.name() == null || !SequenceCompiler.NAME.matcher(account.name()).matches()) {
            errors.add(new FieldError("/name", "must start with a letter and hold at most 64 letters, digits, '_' or '-'"));
        }
        try {
            URI uri = URI.create(String.valueOf(account.baseUrl()));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                errors.add(new FieldError("/baseUrl", "must be an absolute http or https URL"));
            } else if (uri.getRawUserInfo() != null) {
                errors.add(new FieldError("/baseUrl", "must not hold credentials (they would be versioned and exported):"
                        + " put them in secretHeaders, e.g. Authorization"));
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                errors.add(new FieldError("/baseUrl", "must not hold a query or fragment: a block adds the path and query"
                        + " (credentials go in secretHeaders)"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("/baseUrl", "must be an absolute http or https URL"));
        }
        account.secretHeaders().forEach((name, value) -> HeaderRules.nameProblem(name)
                .or(() -> HeaderRules.valueProblem(String.valueOf(value)))
                .or(() -> String.valueOf(value).length() >= MIN_SECRET_LENGTH ? Optional.empty() : Optional.of("must be at least "
                        + MIN_SECRET_LENGTH + " characters: a shorter secret is easy to guess, and traces and logs redact a secret"
                        + " wherever its characters appear"))
                .ifPresent(problem -> errors.add(new FieldError("/secretHeaders/" + name, problem))));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** What a version keeps of an account: never the secret values. */
    public static Map<String, Object> versionDocument(ConnectorAccount account) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", account.name());
        doc.put("description", account.description());
        doc.put("baseUrl", account.baseUrl());
        doc.put("secretHeaderNames", new ArrayList<>(new TreeSet<>(account.secretHeaders().keySet())));
        return doc;
    }

    private Map<String, Object> describe(ConnectorAccount account) {
        Map<String, Object> d = versionDocument(account);
        d.put("version", saves.current(Version.CONNECTOR, account.name()));
        return d;
    }
}
