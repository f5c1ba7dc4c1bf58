package io.lethe.designer.version;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.json.Json;
import io.lethe.engine.version.Version;
import io.lethe.engine.version.VersionStore;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.util.Map;

/**
 * Optimistic concurrency for design artefacts: a save names the version it was based on
 * ({@code If-Match: "3"}); a stale save gets 409 with the current version. The next version number
 * is claimed in the version store first (unique), so two concurrent saves cannot both win.
 */
public final class VersionedSaves {

    private final VersionStore versions;
    private final Clock clock;

    public VersionedSaves(VersionStore versions, Clock clock) {
        this.versions = versions;
        this.clock = clock;
    }

    public VersionStore versions() {
        return versions;
    }

    public int current(String kind, String name) {
        return versions.latest(kind, name);
    }

    /**
     * The number the next save takes. Creating: the artefact must not exist; one created again
     * after a delete continues its history (its versions stay until purged). Updating: it must
     * exist, and {@code If-Match} is required and must name the current version.
     *
     * @param exists whether the artefact is there now
     */
    public int next(RoutingContext ctx, String kind, String name, boolean creating, boolean exists) {
        int current = versions.latest(kind, name);
        if (creating) {
            if (exists) {
                throw new ConflictException(kind + " '" + name + "' already exists", Map.of("currentVersion", current));
            }
            return current + 1;
        }
        if (!exists) {
            throw new NotFoundException("no " + kind + " '" + name + "'");
        }
        String ifMatch = ctx.request().getHeader("If-Match");
        if (ifMatch == null) {
            throw new HttpException(428, "send If-Match with the version this save is based on (the ETag of the GET)");
        }
        int based;
        try {
            based = Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            based = -1;
        }
        if (based < 1) {
            throw InvalidInputException.of("/If-Match", "must be a version number such as \"3\"");
        }
        if (based != current) {
            throw new ConflictException("this save is based on version " + based + " but " + kind + " '" + name
                    + "' is at version " + current, Map.of("currentVersion", current));
        }
        return current + 1;
    }

    /**
     * Whether {@code document} is what version {@code number} holds already: saving it again changes nothing, so it
     * makes no version (the history listed only "saved" entries without a difference).
     */
    public boolean unchanged(String kind, String name, int number, Map<String, Object> document) {
        return number > 0 && versions.find(kind, name, number)
                .map(v -> Json.canonical(v.document()).equals(Json.canonical(document))).orElse(false);
    }

    /** Appends the version; fails with 409 when another save took the number meanwhile. */
    public void record(String kind, String name, int number, Map<String, Object> document, String author, String comment) {
        versions.append(new Version(kind, name, number, document, author, clock.instant(), comment, null));
    }

    public static void etag(RoutingContext ctx, int version) {
        ctx.response().putHeader("ETag", "\"" + version + "\"");
    }
}
