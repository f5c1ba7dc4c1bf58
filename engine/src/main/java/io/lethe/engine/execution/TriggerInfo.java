package io.lethe.engine.execution;

/**
 * What started a run: {@code http}, {@code schedule}, {@code instance}, {@code manual} or
 * {@code call} (another sequence), with a short detail (e.g. {@code POST /orders}, the cron, the user).
 */
public record TriggerInfo(String type, String detail) {

    public static TriggerInfo manual(String user) {
        return new TriggerInfo("manual", user);
    }

    /** @param pattern the trigger's path pattern ({@code /hooks/customers/:email}), never the request's path */
    public static TriggerInfo http(String method, String pattern) {
        return new TriggerInfo("http", method + " " + pattern);
    }
}
