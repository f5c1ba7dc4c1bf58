package io.lethe.engine.connector;

import java.util.Map;

/**
 * Named credentials for calling an outside service: its base URL and the headers (API keys,
 * authorization) added to every request. Header values are secrets: write-only through the API,
 * encrypted at rest, never logged or traced.
 */
public record ConnectorAccount(String name, String description, String baseUrl, Map<String, String> secretHeaders) {

    public ConnectorAccount {
        secretHeaders = secretHeaders == null ? Map.of() : Map.copyOf(secretHeaders);
    }
}
