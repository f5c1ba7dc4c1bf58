package io.lethe.engine.sequence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** What starts a sequence besides a manual run. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Trigger.Http.class, name = "http"),
    @JsonSubTypes.Type(value = Trigger.Schedule.class, name = "schedule"),
    @JsonSubTypes.Type(value = Trigger.InstanceEvent.class, name = "instance")
})
public sealed interface Trigger {

    /**
     * A request to {@code METHOD /hooks<path>}; {@code :name} segments become {@code input.params.name}.
     * With {@code requireKey}, callers must send the sequence's hook key in {@code X-Hook-Key} (see
     * {@link io.lethe.engine.trigger.HookKeys}); without it the hook is public. {@code allowOrigins} are the
     * web pages' origins ({@code https://shop.example.org}, or {@code *}) whose scripts may call the hook
     * from a browser (CORS); none by default.
     */
    record Http(String method, String path, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean requireKey,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> allowOrigins) implements Trigger {

        public Http {
            allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
        }

        public Http(String method, String path) {
            this(method, path, false, List.of());
        }

        public Http(String method, String path, boolean requireKey) {
            this(method, path, requireKey, List.of());
        }

        /** Whether a page of that origin may call the hook from a browser. */
        public boolean allows(String origin) {
            return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
        }

        /** Whether both answer the same requests: one method, the same segments, parameters named as they like. */
        public boolean sameRoute(Http other) {
            return String.valueOf(method).equals(other.method()) && segments(path).equals(segments(other.path()));
        }

        private static List<String> segments(String path) {
            return Arrays.stream(String.valueOf(path).split("/")).filter(s -> !s.isEmpty())
                    .map(s -> s.startsWith(":") ? ":" : s).toList();
        }
    }

    /**
     * A Unix cron expression (minute hour day-of-month month day-of-week), read in a time zone: an IANA
     * name such as {@code Europe/Paris} (its clock, summer time included), UTC when none is given.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Schedule(String cron, String zone) implements Trigger {

        public Schedule(String cron) {
            this(cron, null);
        }

        /** The zone the cron is read in; only for a zone that validation accepted. */
        public ZoneId zoneId() {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        }
    }

    /** Instance events of a model: any of created, updated, deactivated, reactivated, deleted. */
    record InstanceEvent(String model, List<String> events) implements Trigger {
    }
}
