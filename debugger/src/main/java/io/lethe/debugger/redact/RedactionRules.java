package io.lethe.debugger.redact;

import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.connector.ConnectorStore;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Models;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What must not reach a trace in clear: names of attributes any model marks personal or
 * sensitive, the secret header values of every connector account, and keys matching the
 * configured credential keywords. Models and accounts are read at most every few seconds (only
 * while something is being traced), so a run being traced costs no extra database round trip.
 */
public final class RedactionRules {

    static final Duration REFRESH = Duration.ofSeconds(5);

    /** One consistent view of the rules. */
    record Snapshot(Set<String> protectedKeys, Set<String> secretValues) {
    }

    private final Models models;
    private final ConnectorStore connectors;
    private final List<String> secretKeywords;
    private final KeyedHash hash;
    private volatile Snapshot snapshot;
    private volatile long loadedAt;

    public RedactionRules(Models models, ConnectorStore connectors, List<String> secretKeys, KeyedHash hash) {
        this.models = models;
        this.connectors = connectors;
        this.secretKeywords = secretKeys.stream().map(RedactionRules::normalise).filter(k -> !k.isEmpty()).toList();
        this.hash = hash;
    }

    /** A redactor for one trace; {@code reveal} keeps personal and sensitive values in clear. */
    public Redactor redactor(boolean reveal) {
        return new Redactor(current(), this, reveal, hash.mac());
    }

    /** Makes the next redactor read models and accounts again (after a model or account changed). */
    public void invalidate() {
        snapshot = null;
    }

    boolean isSecretKey(String key) {
        String k = normalise(key);
        for (String keyword : secretKeywords) {
            if (k.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    static String normalise(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - loadedAt > REFRESH.toNanos()) {
            s = load();
            snapshot = s;
            loadedAt = System.nanoTime();
        }
        return s;
    }

    private Snapshot load() {
        Set<String> keys = new HashSet<>();
        for (Model model : models.list()) {
            model.protectedAttributes().forEach(name -> keys.add(normalise(name)));
        }
        Set<String> secrets = new HashSet<>();
        for (ConnectorAccount account : connectors.list()) {
            account.secretHeaders().values().stream().filter(v -> v != null && !v.isEmpty()).forEach(secrets::add);
        }
        return new Snapshot(Set.copyOf(keys), Set.copyOf(secrets));
    }
}
