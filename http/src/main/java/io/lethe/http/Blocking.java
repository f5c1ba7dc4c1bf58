package io.lethe.http;

import io.lethe.engine.json.Json;
import io.lethe.engine.json.RawJson;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs blocking route work (driver calls, files) on virtual threads, never on the event loop,
 * with the request's correlation id in the logging context, and answers back on the event loop.
 */
public final class Blocking implements AutoCloseable {

    /** Route work that may block; returns the response to send. */
    @FunctionalInterface
    public interface Work {
        Reply run(RoutingContext ctx) throws Exception;
    }

    /** A status and an optional body (serialised as JSON); {@code null} body means no content. */
    public record Reply(int status, Object body) {

        public static Reply ok(Object body) {
            return new Reply(200, body);
        }

        public static Reply created(Object body) {
            return new Reply(201, body);
        }

        public static Reply noContent() {
            return new Reply(204, null);
        }
    }

    /** A plain-text body, sent as is. */
    public record Text(String text) {
    }

    /** Bytes sent as is with a content type (e.g. an export whose hash was recorded). */
    public record Raw(byte[] bytes, String contentType) {
    }

    /** Header names and values as Vert.x's optimised (ASCII) form: written without encoding or checking them again. */
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private static final Logger log = LoggerFactory.getLogger(Blocking.class);

    private final ExecutorService executor;

    /** Work on virtual threads: for route work that mostly waits on the database. */
    public Blocking() {
        this(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lethe-api-", 0).factory()));
    }

    /** Work on the given executor (e.g. a bounded pool of platform threads for sequence runs). */
    public Blocking(ExecutorService executor) {
        this.executor = executor;
    }

    public Handler<RoutingContext> handler(Work work) {
        return ctx -> serve(ctx.response(), CorrelationId.of(ctx), () -> work.run(ctx), ctx::fail);
    }

    /** Work that may answer before it ends: it hands its reply to {@code answer} and goes on. */
    @FunctionalInterface
    public interface EarlyWork {
        /** @return the reply to send, or {@code null} when it was handed to {@code answer} already */
        Reply run(Consumer<Reply> answer) throws Exception;
    }

    /**
     * Runs {@code work} off the event loop (called on it), then sends its reply, or hands its failure
     * to {@code failed}, back on the loop. For a request served without the router.
     */
    public void serve(HttpServerResponse response, String correlationId, Callable<Reply> work, Handler<Throwable> failed) {
        serve(response, correlationId, answer -> Objects.requireNonNull(work.call(), "route work gave no reply"), failed);
    }

    /**
     * As {@link #serve(HttpServerResponse, String, Callable, Handler)}, for work that may send its
     * reply before it ends; a failure after that is logged, not answered.
     */
    public void serve(HttpServerResponse response, String correlationId, EarlyWork work, Handler<Throwable> failed) {
        Context context = Vertx.currentContext();
        executor.execute(() -> {
            MDC.put(CorrelationId.MDC_KEY, correlationId);
            boolean[] answered = {false};
            try {
                Reply reply = work.run(early -> {
                    answered[0] = true;
                    context.runOnContext(v -> send(response, early));
                });
                if (reply != null) {
                    context.runOnContext(v -> send(response, reply));
                }
            } catch (Throwable e) {
                if (answered[0]) {
                    log.atError().setCause(e).log("work failed after it had answered");
                } else {
                    context.runOnContext(v -> failed.handle(e));
                }
            } finally {
                MDC.remove(CorrelationId.MDC_KEY);
            }
        });
    }

    /** Runs {@code work} on a virtual thread, then continues the route chain on the event loop. */
    public Handler<RoutingContext> filter(Consumer<RoutingContext> work) {
        return ctx -> {
            Context context = Vertx.currentContext();
            String correlationId = CorrelationId.of(ctx);
            executor.execute(() -> {
                MDC.put(CorrelationId.MDC_KEY, correlationId);
                try {
                    work.accept(ctx);
                    context.runOnContext(v -> ctx.next());
                } catch (Throwable e) {
                    context.runOnContext(v -> ctx.fail(e));
                } finally {
                    MDC.remove(CorrelationId.MDC_KEY);
                }
            });
        };
    }

    private static void send(HttpServerResponse response, Reply reply) {
        if (reply.status() != 200) { // a response is 200 unless told: setting it looks the status up again
            response.setStatusCode(reply.status());
        }
        if (reply.body() == null) {
            response.end();
        } else if (reply.body() instanceof Text text) {
            response.end(text.text());
        } else if (reply.body() instanceof Raw raw) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, raw.contentType()).end(Buffer.buffer(raw.bytes()));
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(reply.body() instanceof JsonObject || reply.body() instanceof JsonArray
                            || reply.body() instanceof RawJson
                            ? reply.body().toString()
                            : Json.write(reply.body()));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
