package io.lethe.engine.redact;

import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.model.Model;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must not reach a debug trace or the application log in clear: names of attributes any
 * model marks personal or sensitive, the secret header values of every connector account, and
 * keys matching the configured credential keywords. Models and accounts are read at most every
 * few seconds (only while something is traced or logged), so a redaction costs no extra database
 * round trip.
 */
public final class RedactionRules {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RedactionRules.class);

    /** Keys whose values are always redacted, compared without case and punctuation, as parts of longer keys too. */
    public static final List<String> DEFAULT_SECRET_KEYS = List.of(
            "password", "passwd", "token", "authorization", "secret", "apikey", "cookie", "credential", "privatekey");

    /** One consistent view of the rules. */
    record Snapshot(Set<String> protectedKeys, Set<String> secretValues) {
    }

    private final Supplier<List<Model>> models;
    private final Supplier<List<ConnectorAccount>> accounts;
    private final List<String> secretKeywords;
    private final KeyedHash hash;
    private volatile Snapshot snapshot;
    private volatile long loadedAt;
    private volatile boolean stale;

    /**
     * @param models     every model (read at most every {@link #REFRESH})
     * @param accounts   every connector account (their secret header values are redacted wherever they appear)
     * @param secretKeys keys whose values are always redacted ({@link #DEFAULT_SECRET_KEYS})
     * @param hash       makes the markers
     */
    public RedactionRules(Supplier<List<Model>> models, Supplier<List<ConnectorAccount>> accounts,
            List<String> secretKeys, KeyedHash hash) {
        this.models = models;
        this.accounts = accounts;
        this.secretKeywords = secretKeys.stream().map(RedactionRules::normalise).filter(k -> !k.isEmpty()).toList();
        this.hash = hash;
    }

    /** A redactor for one trace; {@code reveal} keeps personal and sensitive values in clear. */
    public Redactor redactor(boolean reveal) {
        return new Redactor(current(), this, reveal, hash.mac());
    }

    /** Makes the next redactor read models and accounts again (after a model or account changed). */
    public void invalidate() {
        stale = true;
    }

    /** Whether {@code key} names a credential by the {@link #DEFAULT_SECRET_KEYS} (case, '-' and '_' aside). */
    public static boolean isDefaultSecretKey(String key) {
        String k = normalise(key);
        return DEFAULT_SECRET_KEYS.stream().anyMatch(k::contains);
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

    /**
     * The rules, reloaded when older than {@link #REFRESH} or invalidated. When a reload fails (the
     * database is unreachable) the last rules stay in force and the next try waits another
     * {@link #REFRESH}; with no rules loaded yet, the failure propagates (nothing is written unredacted).
     */
    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || stale || System.nanoTime() - loadedAt > REFRESH.toNanos()) {
            stale = false;
            try {
                s = load();
                snapshot = s;
            } catch (RuntimeException e) {
                if (s == null) {
                    throw e;
                }
                log.atWarn().addKeyValue("error", e.getClass().getSimpleName())
                        .log("redaction rules could not be reloaded: the last ones stay in force");
            } finally {
                loadedAt = System.nanoTime();
            }
        }
        return s;
    }

    private Snapshot load() {
        Set<String> keys = new HashSet<>();
        for (Model model : models.get()) {
            model.protectedAttributes().forEach(name -> keys.add(normalise(name)));
        }
        Set<String> secrets = new HashSet<>();
        for (ConnectorAccount account : accounts.get()) {
            account.secretHeaders().values().stream().filter(v -> v != null && !v.isEmpty()).forEach(secrets::add);
        }
        return new Snapshot(Set.copyOf(keys), Set.copyOf(secrets));
    }
}
