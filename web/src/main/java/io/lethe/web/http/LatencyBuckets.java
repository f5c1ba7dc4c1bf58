package io.lethe.web.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Latency histograms in {@code /metrics}: HTTP response times (every request, the hooks included)
 * and sequence run times get cumulative {@code _bucket} series at fixed bounds, from 0.25 ms to
 * 10 s, so latency objectives can be checked ({@code histogram_quantile}, or the share of requests
 * within 2 ms). Fixed bounds rather than Micrometer's ~70 percentile buckets: a handful of series
 * per label set and a few array increments per request.
 */
public final class LatencyBuckets implements MeterFilter {

    /** The timers that get buckets. */
    static final Set<String> TIMERS = Set.of("vertx.http.server.response.time", "lethe.executions");

    static final double[] BOUNDS_NANOS = Stream.of(
                    Duration.ofMillis(1).dividedBy(4), Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1),
                    Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10))
            .mapToDouble(Duration::toNanos).toArray();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!TIMERS.contains(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(BOUNDS_NANOS).build().merge(config);
    }
}
