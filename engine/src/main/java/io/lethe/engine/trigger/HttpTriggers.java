package io.lethe.engine.trigger;

import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.Trigger;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sequence answers {@code METHOD /hooks/<path>}: exact segments first, then {@code :name}
 * segments, which are captured as parameters (percent-decoded). Rebuilt whenever sequences change.
 */
public final class HttpTriggers {

    /** A hook found for a request: the sequence answering, its trigger (path pattern, key, origins) and the path's parameters. */
    public record Match(String sequence, Trigger.Http trigger, Map<String, String> params) {

        /** The trigger's path pattern, e.g. {@code /customers/:email}: safe to log, unlike the request's path. */
        public String pattern() {
            return trigger.path();
        }

        public boolean requireKey() {
            return trigger.requireKey();
        }
    }

    private record Route(String method, String path, String[] segments, String sequence, Trigger.Http trigger) {
    }

    private record Index(List<Route> routes, Map<String, Route> exact) {
    }

    private volatile Index index = new Index(List.of(), Map.of());

    /** Replaces the index with the HTTP triggers of {@code sequences}. */
    public void rebuild(List<Sequence> sequences) {
        List<Route> next = new ArrayList<>();
        for (Sequence sequence : sequences) {
            for (Trigger trigger : sequence.triggers()) {
                if (trigger instanceof Trigger.Http http) {
                    next.add(new Route(http.method(), http.path(), split(http.path()), sequence.name(), http));
                }
            }
        }
        // Exact routes win over parameterised ones: fewer ':' segments first.
        next.sort((a, b) -> Long.compare(params(a), params(b)));
        Map<String, Route> exact = new HashMap<>();
        for (Route route : next) {
            if (params(route) == 0) {
                exact.putIfAbsent(route.method() + " /" + String.join("/", route.segments()), route);
            }
        }
        index = new Index(List.copyOf(next), Map.copyOf(exact));
    }

    /**
     * The hook answering {@code method} on {@code path}. A HEAD is answered by the path's GET sequence
     * (HTTP's rule: the same answer without its body, which the server leaves out).
     */
    public Optional<Match> match(String method, String path) {
        Optional<Match> found = find(method, path);
        return found.isEmpty() && "HEAD".equals(method) ? find("GET", path) : found;
    }

    private Optional<Match> find(String method, String path) {
        Index current = index;
        Route exact = current.exact().get(method + " " + path); // a path written as its trigger's: no split
        if (exact != null) {
            return Optional.of(new Match(exact.sequence(), exact.trigger(), Map.of()));
        }
        String[] segments = split(path);
        for (Route route : current.routes()) {
            if (route.method().equals(method)) {
                Map<String, String> params = params(route, segments);
                if (params != null) {
                    return Optional.of(new Match(route.sequence(), route.trigger(), params));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods some sequence answers on this path (for a 405's {@code Allow} when the one asked is not among them). */
    public Set<String> methods(String path) {
        String[] segments = split(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : index.routes()) {
            if (params(route, segments) != null) {
                methods.add(route.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return methods;
    }

    /** The route's parameters taken from the path's segments, or null when the path is not the route's. */
    private static Map<String, String> params(Route route, String[] segments) {
        if (route.segments().length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = route.segments()[i];
            if (expected.startsWith(":")) {
                params.put(expected.substring(1), decoded(segments[i]));
            } else if (!expected.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    /**
     * A path segment with its percent-encoding decoded as UTF-8 ({@code ada%40example.org} is
     * {@code ada@example.org}; a '+' stays a '+'); a malformed one is given as it came.
     */
    static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (low < 0) {
                return segment;
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return segment;
        }
    }

    private static long params(Route route) {
        return Arrays.stream(route.segments()).filter(s -> s.startsWith(":")).count();
    }

    private static String[] split(String path) {
        List<String> segments = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    segments.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return segments.toArray(String[]::new);
    }
}
