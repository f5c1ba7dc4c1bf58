package io.lethe.web.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/** One HTTP server instance; Lethe deploys one per core, all sharing the port and the router. */
public final class HttpVerticle extends VerticleBase {

    private final Router router;
    private final String host;
    private final int port;

    public HttpVerticle(Router router, String host, int port) {
        this.router = router;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        // No h2c upgrade on plain HTTP: an upgrade racing with the body handler was seen to leave a
        // request unanswered; HTTP/1.1 (and HTTP/2 over TLS behind a proxy) is what clients use.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setHttp2ClearTextEnabled(false));
        return server.requestHandler(router).listen();
    }
}
