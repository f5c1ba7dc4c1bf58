package io.lethe.web.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web UI built from {@code web/ui} (packaged under {@code webroot/} on the classpath) at
 * {@code /}. Any other GET of a page path (no file extension) outside {@code /api} and {@code /hooks}
 * answers {@code index.html}, so the single-page app's own routes (e.g. {@code /sequences/signup})
 * survive a reload.
 */
public final class UiRoute {

    private static final Logger log = LoggerFactory.getLogger(UiRoute.class);
    static final String WEBROOT = "webroot";
    /** Only the app's own scripts; CodeMirror and the graph editor inject style elements, hence inline styles. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final Buffer index;

    public UiRoute() {
        this.index = readIndex();
    }

    /** Mounts after every API route, before the failure handler. Without a built UI it mounts nothing. */
    public void mount(Router router) {
        if (index == null) {
            log.warn("no web UI on the classpath ({}/index.html): build it with ./mvnw -pl web package", WEBROOT);
            return;
        }
        // Files by their hashed names, cached for a day; the page itself never (see fallback).
        StaticHandler assets = StaticHandler.create(WEBROOT).setDefaultContentEncoding("UTF-8");
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            String path = ctx.normalizedPath();
            if (isServerPath(path)) {
                ctx.next();
                return;
            }
            ctx.response()
                    .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            if (isPage(path)) {
                ctx.next();
            } else {
                if (ctx.request().method() == HttpMethod.HEAD) {
                    typeOfHead(ctx, path);
                }
                assets.handle(ctx);
            }
        });
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::fallback);
    }

    /** The static handler gives a file's type to a GET only: a HEAD of it gets the same (link checkers compare them). */
    private static void typeOfHead(RoutingContext ctx, String path) {
        String type = MimeMapping.mimeTypeForFilename(path);
        if (type == null) {
            return;
        }
        String full = type.startsWith("text/") ? type + ";charset=UTF-8" : type;
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 200 && !ctx.response().headers().contains("Content-Type")) {
                ctx.response().putHeader("Content-Type", full);
            }
        });
    }

    /**
     * Answers {@code index.html} for the page paths, revalidated on every visit: it names the current build's assets,
     * and one cached from before an upgrade would name files that are gone.
     */
    private void fallback(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        // A missing file (/assets/gone.js) is a 404, not the app: only page routes fall back.
        if (isServerPath(path) || !isPage(path)) {
            ctx.next();
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(index);
    }

    /** The app's page itself, or one of its routes (a path whose last segment has no extension). */
    private static boolean isPage(String path) {
        return path.equals("/index.html") || !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

    static boolean isServerPath(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/hooks") || path.startsWith("/hooks/")
                || path.equals("/health") || path.equals("/metrics");
    }

    private static Buffer readIndex() {
        try (InputStream in = UiRoute.class.getClassLoader().getResourceAsStream(WEBROOT + "/index.html")) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web UI's index.html", e);
        }
    }
}
