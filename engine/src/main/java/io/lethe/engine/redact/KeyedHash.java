package io.lethe.engine.redact;

import io.lethe.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The redaction marker: {@code [redacted:hmac:<22 base64url chars>]}, an HMAC-SHA256 under the
 * server's {@code trace-redaction} key over the value's JSON. Equal values give equal markers, so
 * a designer can still see that two blocks saw the same e-mail address without reading it.
 */
public final class KeyedHash {

    public static final String PREFIX = "[redacted:hmac:";
    private final SecretKeySpec key;

    public KeyedHash(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A new MAC for one thread's use (a {@link Mac} is not thread-safe). */
    Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String marker(Mac mac, Object value) {
        byte[] digest = mac.doFinal(Json.write(value).getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "]";
    }
}
