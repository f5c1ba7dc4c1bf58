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
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        return server.requestHandler(router).listen();
    }
}
