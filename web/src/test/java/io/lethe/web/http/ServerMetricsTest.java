package io.lethe.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ServerMetrics}: requests counted under Vert.x's names at any time; connections only once the server's metrics exist. */
class ServerMetricsTest {

    static final SocketAddress SERVER = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
    static final SocketAddress CLIENT = SocketAddress.inetSocketAddress(50000, "127.0.0.1");

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Micrometer keeps backends in a static map by registry name: a name of its own, closed after each test.
    final VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setRegistryName("server-metrics-test-" + UUID.randomUUID()));
    final List<VertxMetrics> created = new ArrayList<>();

    @AfterEach
    void close() {
        created.forEach(VertxMetrics::close);
    }

    @SuppressWarnings("unchecked")
    HttpServerMetrics<Object, Object, Object> server(boolean guarded) {
        var factory = new MicrometerMetricsFactory(registry);
        var metrics = guarded ? new ServerMetrics(factory, registry).metrics(options) : factory.metrics(options);
        created.add(metrics);
        return (HttpServerMetrics<Object, Object, Object>) metrics.createHttpServerMetrics(new HttpServerOptions(), SERVER);
    }

    @Test
    void aRequestOnAConnectionAcceptedBeforeTheMetricsExistedShouldBeServedAndCounted() {
        // What Vert.x does with a connection accepted between binding the port and creating the metrics:
        // no connection metric, then requestBegin on its first request. Micrometer alone throws there.
        assertThatThrownBy(() -> server(false).requestBegin(null, request(HttpMethod.GET))).isInstanceOf(NullPointerException.class);

        var guarded = server(true);
        Object request = guarded.requestBegin(null, request(HttpMethod.GET));
        guarded.requestRouted(request, "/health");
        guarded.requestEnd(request, request(HttpMethod.GET), 0);
        guarded.responseBegin(request, response(200));
        guarded.responseEnd(request, response(200), 10);
        guarded.bytesRead(null, CLIENT, 10);
        guarded.disconnected(null, CLIENT);

        assertThat(registry.scrape()).contains("vertx_http_server_requests_total{code=\"200\",method=\"GET\"} 1.0");
    }

    @Test
    void shouldCountRequestsByMethodAndStatusUnderVertxsNames() {
        var server = server(true);
        Object connection = server.connected(CLIENT, "client");
        for (int status : new int[] {200, 200, 404}) {
            Object request = server.requestBegin(connection, request(HttpMethod.POST));
            server.requestEnd(request, request(HttpMethod.POST), 100);
            server.responseEnd(request, response(status), 30);
        }
        Object open = server.requestBegin(connection, request(HttpMethod.GET));
        Object reset = server.requestBegin(connection, request(HttpMethod.valueOf("BREW")));
        server.requestReset(reset);

        String scraped = registry.scrape();
        assertThat(scraped).contains(
                "vertx_http_server_requests_total{code=\"200\",method=\"POST\"} 2.0",
                "vertx_http_server_requests_total{code=\"404\",method=\"POST\"} 1.0",
                "vertx_http_server_response_time_seconds_count{code=\"200\",method=\"POST\"} 2",
                "vertx_http_server_response_bytes_sum{code=\"200\",method=\"POST\"} 60.0",
                "vertx_http_server_request_bytes_sum{method=\"POST\"} 300.0",
                "vertx_http_server_active_requests{method=\"POST\"} 0.0",
                "vertx_http_server_active_requests{method=\"GET\"} 1.0",
                "vertx_http_server_active_requests{method=\"OTHER\"} 0.0",
                "vertx_http_server_request_resets_total{method=\"OTHER\"} 1.0",
                "vertx_http_server_active_connections 1.0");
        assertThat(open).isNotNull();
    }

    static HttpRequest request(HttpMethod method) {
        return new HttpRequest() {
            public int id() {
                return 1;
            }

            public String uri() {
                return "/health";
            }

            public String absoluteURI() {
                return "http://127.0.0.1:8080/health";
            }

            public HttpMethod method() {
                return method;
            }

            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }

            public SocketAddress remoteAddress() {
                return CLIENT;
            }
        };
    }

    static HttpResponse response(int status) {
        return new HttpResponse() {
            public int statusCode() {
                return status;
            }

            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }
        };
    }
}
