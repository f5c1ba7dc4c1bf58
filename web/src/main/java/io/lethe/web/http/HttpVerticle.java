package io.lethe.web.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/** One HTTP server instance; all instances share the port and the request handler (the router, behind the hooks' fast path). */
public final class HttpVerticle extends VerticleBase {

    private final Handler<HttpServerRequest> requests;
    private final String host;
    private final int port;

    public HttpVerticle(Handler<HttpServerRequest> requests, String host, int port) {
        this.requests = requests;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        // No h2c upgrade on plain HTTP: an upgrade racing with the body handler was seen to leave a
        // request unanswered; HTTP/1.1 (and HTTP/2 over TLS behind a proxy) is what clients use.
        // No WebSocket compression: Lethe serves no WebSockets, and its handler would look at every
        // request and response for an upgrade.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setHttp2ClearTextEnabled(false)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false));
        return server.requestHandler(requests).listen();
    }
}
