package io.lethe.web.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
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
 * Vert.x's metrics from a factory (Micrometer's), but the HTTP server's per-request meters
 * {@linkplain RequestMeters of Lethe's own} (same names and labels, a fraction of the cost), and
 * the server's connection meters guarded so that a connection accepted while the server is still
 * starting is served instead of hung.
 *
 * <p>Vert.x 5.0 creates a server's metrics only once its port is bound: a connection accepted in
 * between has no connection metric, and Micrometer's calls then throw (its {@code requestBegin} did,
 * and that request never got an answer: a readiness probe started beside the server hit it). Here
 * connection calls without their connection metric are skipped.
 */
public final class ServerMetrics implements VertxMetricsFactory {

    private final VertxMetricsFactory delegate;
    private final RequestMeters requests;

    public ServerMetrics(VertxMetricsFactory delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.requests = new RequestMeters(registry);
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        return new Metrics(delegate.metrics(options), requests);
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

    /** Everything as the delegate does but the HTTP server's metrics. */
    private record Metrics(VertxMetrics delegate, RequestMeters requests) implements VertxMetrics {

        @Override
        public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
            HttpServerMetrics<?, ?, ?> server = delegate.createHttpServerMetrics(options, localAddress);
            return server == null ? null : new Served<>(server, requests);
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
        public void vertxCreated(Vertx vertx) {
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

    /** Connections counted by the delegate (when it knows them), requests by {@link RequestMeters}; WebSockets not counted (Lethe serves none). */
    private record Served<S>(HttpServerMetrics<?, ?, S> delegate, RequestMeters requests)
            implements HttpServerMetrics<RequestMeters.Request, Void, S> {

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
        public RequestMeters.Request requestBegin(S socket, HttpRequest request) {
            return requests.begin(request.method());
        }

        @Override
        public void requestEnd(RequestMeters.Request request, HttpRequest httpRequest, long bytesRead) {
            requests.requestEnd(request, bytesRead);
        }

        @Override
        public void requestReset(RequestMeters.Request request) {
            requests.reset(request);
        }

        @Override
        public RequestMeters.Request responsePushed(S socket, HttpMethod method, String uri, HttpResponse response) {
            return requests.begin(method);
        }

        @Override
        public void responseEnd(RequestMeters.Request request, HttpResponse response, long bytesWritten) {
            requests.responseEnd(request, response.statusCode(), bytesWritten);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
