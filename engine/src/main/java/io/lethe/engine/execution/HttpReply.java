package io.lethe.engine.execution;

import java.util.Map;

/** The response a {@code respond} block set for an HTTP-triggered run. */
public record HttpReply(int status, Map<String, String> headers, Object body) {

    public HttpReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
