package io.lethe.web.http;

import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * Wraps a metrics factory (Micrometer's) so that a connection accepted while the HTTP server is
 * still starting is served instead of hung.
 *
 * <p>Vert.x 5.0 creates a server's metrics only once its port is bound: a connection accepted in
 * between has no connection metric, and Micrometer's {@code requestBegin} then throws on its first
 * request, which never gets an answer (a readiness probe started beside the server hit it). Here
 * HTTP server metrics calls without their connection or request metric are skipped: that request
 * is not counted, and it is answered.
 */
public final class StartupSafeMetrics implements VertxMetricsFactory {

    private final VertxMetricsFactory delegate;

    public StartupSafeMetrics(VertxMetricsFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        return new Metrics(delegate.metrics(options));
    }

    @Override
    public MetricsOptions newOptions() {
        return delegate.newOptions();
    }

    @Override
    public MetricsOptions newOptions(MetricsOptions options) {
        return delegate.newOptions(options);
    }

    @Override
    public MetricsOptions newOptions(JsonObject json) {
        return delegate.newOptions(json);
    }

    /** Everything as the delegate does, with the HTTP server metrics guarded. */
    private record Metrics(VertxMetrics delegate) implements VertxMetrics {

        @Override
        public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
            HttpServerMetrics<?, ?, ?> server = delegate.createHttpServerMetrics(options, localAddress);
            return server == null ? null : guard(server);
        }

        @Override
        public EventBusMetrics<?> createEventBusMetrics() {
            return delegate.createEventBusMetrics();
        }

        @Override
        public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
            return delegate.createClientMetrics(remoteAddress, type, namespace);
        }

        @Override
        public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
            return delegate.createHttpClientMetrics(options);
        }

        @Override
        public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
            return delegate.createNetServerMetrics(options, localAddress);
        }

        @Override
        public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
            return delegate.createNetClientMetrics(options);
        }

        @Override
        public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
            return delegate.createDatagramSocketMetrics(options);
        }

        @Override
        public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
            return delegate.createPoolMetrics(poolType, poolName, maxPoolSize);
        }

        @Override
        public void vertxCreated(io.vertx.core.Vertx vertx) {
            delegate.vertxCreated(vertx);
        }

        @Override
        public boolean isMetricsEnabled() {
            return delegate.isMetricsEnabled();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    static <R, W, S> HttpServerMetrics<R, W, S> guard(HttpServerMetrics<R, W, S> server) {
        return new Guarded<>(server);
    }

    /** Skips every call that lacks the metric it would update. */
    private record Guarded<R, W, S>(HttpServerMetrics<R, W, S> delegate) implements HttpServerMetrics<R, W, S> {

        @Override
        public S connected(SocketAddress remoteAddress, String remoteName) {
            return delegate.connected(remoteAddress, remoteName);
        }

        @Override
        public void disconnected(S socket, SocketAddress remoteAddress) {
            if (socket != null) {
                delegate.disconnected(socket, remoteAddress);
            }
        }

        @Override
        public void bytesRead(S socket, SocketAddress remoteAddress, long bytes) {
            if (socket != null) {
                delegate.bytesRead(socket, remoteAddress, bytes);
            }
        }

        @Override
        public void bytesWritten(S socket, SocketAddress remoteAddress, long bytes) {
            if (socket != null) {
                delegate.bytesWritten(socket, remoteAddress, bytes);
            }
        }

        @Override
        public void exceptionOccurred(S socket, SocketAddress remoteAddress, Throwable error) {
            if (socket != null) {
                delegate.exceptionOccurred(socket, remoteAddress, error);
            }
        }

        @Override
        public R requestBegin(S socket, HttpRequest request) {
            return socket == null ? null : delegate.requestBegin(socket, request);
        }

        @Override
        public void requestEnd(R request, HttpRequest httpRequest, long bytesRead) {
            if (request != null) {
                delegate.requestEnd(request, httpRequest, bytesRead);
            }
        }

        @Override
        public void requestReset(R request) {
            if (request != null) {
                delegate.requestReset(request);
            }
        }

        @Override
        public void responseBegin(R request, HttpResponse response) {
            if (request != null) {
                delegate.responseBegin(request, response);
            }
        }

        @Override
        public R responsePushed(S socket, HttpMethod method, String uri, HttpResponse response) {
            return socket == null ? null : delegate.responsePushed(socket, method, uri, response);
        }

        @Override
        public void responseEnd(R request, HttpResponse response, long bytesWritten) {
            if (request != null) {
                delegate.responseEnd(request, response, bytesWritten);
            }
        }

        @Override
        public W connected(S socket, R request, ServerWebSocket webSocket) {
            return socket == null || request == null ? null : delegate.connected(socket, request, webSocket);
        }

        @Override
        public void disconnected(W webSocket) {
            if (webSocket != null) {
                delegate.disconnected(webSocket);
            }
        }

        @Override
        public void requestRouted(R request, String route) {
            if (request != null) {
                delegate.requestRouted(request, route);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
