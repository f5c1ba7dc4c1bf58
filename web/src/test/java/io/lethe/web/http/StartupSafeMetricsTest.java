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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartupSafeMetricsTest {

    static final SocketAddress SERVER = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
    static final SocketAddress CLIENT = SocketAddress.inetSocketAddress(50000, "127.0.0.1");

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Micrometer keeps backends in a static map by registry name: a name of its own, closed after each test.
    final VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setRegistryName("startup-safe-metrics-test-" + java.util.UUID.randomUUID()));
    final List<VertxMetrics> created = new ArrayList<>();

    @AfterEach
    void close() {
        created.forEach(VertxMetrics::close);
    }

    @SuppressWarnings("unchecked")
    HttpServerMetrics<Object, Object, Object> server(boolean guarded) {
        var factory = new MicrometerMetricsFactory(registry);
        var metrics = guarded ? new StartupSafeMetrics(factory).metrics(options) : factory.metrics(options);
        created.add(metrics);
        return (HttpServerMetrics<Object, Object, Object>) metrics.createHttpServerMetrics(new HttpServerOptions(), SERVER);
    }

    @Test
    void aRequestOnAConnectionAcceptedBeforeTheMetricsExistedShouldBeServedUncounted() {
        // What Vert.x does with a connection accepted between binding the port and creating the metrics:
        // no connection metric, then requestBegin on its first request. Micrometer alone throws there.
        assertThatThrownBy(() -> server(false).requestBegin(null, request())).isInstanceOf(NullPointerException.class);

        var guarded = server(true);
        Object request = guarded.requestBegin(null, request());
        guarded.requestRouted(request, "/health");
        guarded.requestEnd(request, request(), 0);
        guarded.responseBegin(request, response());
        guarded.responseEnd(request, response(), 10);
        guarded.bytesRead(null, CLIENT, 10);
        guarded.disconnected(null, CLIENT);

        assertThat(request).isNull();
        assertThat(registry.scrape()).doesNotContain("vertx_http_server_requests_total{");
    }

    @Test
    void aRequestOnAnOrdinaryConnectionShouldStillBeCounted() {
        var guarded = server(true);
        Object connection = guarded.connected(CLIENT, "client");
        Object request = guarded.requestBegin(connection, request());
        guarded.requestEnd(request, request(), 0);
        guarded.responseBegin(request, response());
        guarded.responseEnd(request, response(), 10);
        guarded.disconnected(connection, CLIENT);

        assertThat(registry.scrape()).contains("vertx_http_server_requests_total{code=\"200\",method=\"GET\"} 1.0");
    }

    static HttpRequest request() {
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
                return HttpMethod.GET;
            }

            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }

            public SocketAddress remoteAddress() {
                return CLIENT;
            }
        };
    }

    static HttpResponse response() {
        return new HttpResponse() {
            public int statusCode() {
                return 200;
            }

            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }
        };
    }
}
