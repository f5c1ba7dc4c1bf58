package io.lethe.engine.retention;

import io.lethe.engine.instance.Condition;
import io.lethe.engine.instance.Instance;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.instance.Page;
import io.lethe.engine.json.Json;
import io.lethe.engine.secret.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Overwrites chosen attributes of every instance matching some conditions — deactivated ones
 * included, since deactivated data is still stored — with a strategy per attribute. Used by the
 * {@code purge-attributes} block and by the purge subsystem.
 */
public final class AttributePurge {

    /** How many instances were overwritten and how many deleted. */
    public record Result(long overwritten, long deleted) {
    }

    private final Instances instances;
    private final byte[] hmacKey;
    private final SecureRandom random = new SecureRandom();

    public AttributePurge(Instances instances, ServerSecrets secrets) {
        this.instances = instances;
        this.hmacKey = secrets.key("purge-hmac");
    }

    public Result purge(String model, List<Condition> conditions, Map<String, PurgeStrategy> strategies) {
        if (strategies.containsValue(PurgeStrategy.DELETE)) { // one bulk delete, not one per instance
            return new Result(0, instances.eraseAll(model, List.of(), conditions));
        }
        long overwritten = 0;
        InstanceQuery query = new InstanceQuery(model, conditions, null, false, InstanceQuery.MAX_LIMIT, null, true);
        Page page;
        do {
            page = instances.query(query);
            for (Instance instance : page.items()) {
                overwrite(instance, strategies);
                overwritten++;
            }
            query = query.after(page.nextCursor());
        } while (page.nextCursor() != null);
        return new Result(overwritten, 0);
    }

    /** Overwrites the chosen attributes of one instance. */
    public void overwrite(Instance instance, Map<String, PurgeStrategy> strategies) {
        Map<String, Object> values = new HashMap<>();
        strategies.forEach((attribute, strategy) -> values.put(attribute, overwrite(instance.data().get(attribute), strategy)));
        instances.overwrite(instance.model(), instance.id(), values);
    }

    /** Whether a value is what a purge leaves behind (null, the mask, a keyed hash or a random token). */
    public static boolean isPurged(Object value) {
        return value == null || PurgeStrategy.MASK_TEXT.equals(value)
                || (value instanceof String s && (s.startsWith("hmac:") || s.startsWith("random:")));
    }

    /** The replacement for {@code value} under {@code strategy}. */
    public Object overwrite(Object value, PurgeStrategy strategy) {
        return switch (strategy) {
            case NULL, DELETE -> null;
            case MASK -> value instanceof String ? PurgeStrategy.MASK_TEXT : null;
            case HMAC -> value == null ? null : hmac(value);
            case RANDOM -> value instanceof String ? "random:" + token(12) : null;
        };
    }

    /** {@code hmac:} and the first 22 base64url characters of HMAC-SHA256 over the value's JSON. */
    public String hmac(Object value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(Json.write(value).getBytes(StandardCharsets.UTF_8));
            return "hmac:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
