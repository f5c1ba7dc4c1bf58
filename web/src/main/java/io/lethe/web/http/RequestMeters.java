package io.lethe.web.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's per-request meters, under the names and labels Vert.x's Micrometer binding gives
 * them ({@code vertx_http_server_requests_total}, {@code _response_time_seconds}, {@code _request_bytes},
 * {@code _response_bytes} by method and code; {@code _active_requests}, {@code _request_resets_total} by
 * method), each looked up once per method and status. The binding builds each meter's tags and looks
 * it up in the registry for every request: five lookups, about a microsecond of the event loop's time.
 * A method outside the standard ones is counted as {@code OTHER}, a status outside 100–599 as {@code other}:
 * the labels stay bounded.
 */
final class RequestMeters {

    private static final MetricsNaming NAMES = MetricsNaming.v4Names();
    private static final String PREFIX = MetricsDomain.HTTP_SERVER.getPrefix();

    private final MeterRegistry registry;
    private final Map<String, ByMethod> methods = new ConcurrentHashMap<>();

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One request, from its headers being read to its response being written. */
    static final class Request {
        private final ByMethod method;
        private final long started = System.nanoTime();
        private boolean requestEnded;
        private boolean responseEnded;

        private Request(ByMethod method) {
            this.method = method;
        }
    }

    Request begin(HttpMethod method) {
        ByMethod meters = methods.get(method.name());
        if (meters == null) {
            meters = methods.computeIfAbsent(HttpMethod.values().contains(method) ? method.name() : "OTHER", ByMethod::new);
        }
        meters.active.increment();
        return new Request(meters);
    }

    void requestEnd(Request request, long bytesRead) {
        request.method.requestBytes.record(bytesRead);
        request.requestEnded = true;
        if (request.responseEnded) {
            request.method.active.decrement();
        }
    }

    void responseEnd(Request request, int status, long bytesWritten) {
        ByStatus meters = request.method.status(status);
        meters.requests.increment();
        meters.responseTime.record(System.nanoTime() - request.started, TimeUnit.NANOSECONDS);
        meters.responseBytes.record(bytesWritten);
        request.responseEnded = true;
        if (request.requestEnded) {
            request.method.active.decrement();
        }
    }

    void reset(Request request) {
        request.method.resets.increment();
        if (!request.requestEnded || !request.responseEnded) {
            request.method.active.decrement();
        }
        request.requestEnded = request.responseEnded = true;
    }

    private final class ByMethod {
        final String method;
        final LongAdder active = new LongAdder();
        final DistributionSummary requestBytes;
        final Counter resets;
        final AtomicReferenceArray<ByStatus> statuses = new AtomicReferenceArray<>(600);

        ByMethod(String method) {
            this.method = method;
            Gauge.builder(PREFIX + NAMES.getHttpActiveRequests(), active, LongAdder::doubleValue).description("Number of requests being processed")
                    .tag("method", method).strongReference(true).register(registry);
            requestBytes = DistributionSummary.builder(PREFIX + NAMES.getHttpRequestBytes()).description("Size of requests in bytes")
                    .tag("method", method).register(registry);
            resets = Counter.builder(PREFIX + NAMES.getHttpRequestResetsCount()).description("Number of request resets")
                    .tag("method", method).register(registry);
        }

        ByStatus status(int status) {
            int index = status >= 100 && status < 600 ? status : 0; // 0: outside HTTP's range
            ByStatus meters = statuses.get(index);
            if (meters == null) {
                statuses.compareAndSet(index, null, new ByStatus(method, index == 0 ? "other" : String.valueOf(status)));
                meters = statuses.get(index);
            }
            return meters;
        }
    }

    private final class ByStatus {
        final Counter requests;
        final Timer responseTime;
        final DistributionSummary responseBytes;

        ByStatus(String method, String code) {
            requests = Counter.builder(PREFIX + NAMES.getHttpRequestsCount()).description("Number of processed requests")
                    .tags("code", code, "method", method).register(registry);
            responseTime = Timer.builder(PREFIX + NAMES.getHttpResponseTime()).description("Request processing time")
                    .tags("code", code, "method", method).register(registry);
            responseBytes = DistributionSummary.builder(PREFIX + NAMES.getHttpResponseBytes()).description("Size of responses in bytes")
                    .tags("code", code, "method", method).register(registry);
        }
    }
}
