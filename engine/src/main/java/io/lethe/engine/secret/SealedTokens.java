package io.lethe.engine.secret;

import io.lethe.engine.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring tokens that carry a value for one purpose, sealed with AES-GCM under a server key: whoever holds one can
 * neither read the value nor make one, and only this server (any process sharing its database) can open it. Made for
 * confirmation links: a "forget me" form mails a link holding a token of the address, and the sequence behind the link
 * trusts the address the token gives back, not what the caller sends.
 */
public final class SealedTokens {

    /** What opening a token found. */
    public sealed interface Opened {
        /** A genuine, unexpired token for the purpose asked: its value. */
        record Valid(Object value) implements Opened {
        }

        /** Anything else, and why: "not a token of this server", "expired", "made for another purpose". */
        record Invalid(String reason) implements Opened {
        }
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SealedTokens(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, "AES");
        this.clock = clock;
    }

    /** A token of {@code value} for {@code purpose}, valid until {@code expires}. */
    public String seal(Object value, String purpose, Instant expires) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] plain = Json.write(Map.of("v", value, "p", purpose, "e", expires.getEpochSecond())).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, plain)
                .orElseThrow(() -> new IllegalStateException("AES-GCM is not available"));
        byte[] token = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    public Opened open(String token, String purpose) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token == null ? "" : token.trim());
        } catch (IllegalArgumentException e) {
            return new Opened.Invalid("not a token of this server");
        }
        if (bytes.length <= IV_BYTES) {
            return new Opened.Invalid("not a token of this server");
        }
        byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(bytes, IV_BYTES, bytes.length);
        Optional<byte[]> plain = crypt(Cipher.DECRYPT_MODE, iv, sealed);
        if (plain.isEmpty() || !(Json.read(new String(plain.get(), StandardCharsets.UTF_8)) instanceof Map<?, ?> content)) {
            return new Opened.Invalid("not a token of this server");
        }
        if (!purpose.equals(content.get("p"))) {
            return new Opened.Invalid("made for another purpose");
        }
        if (!(content.get("e") instanceof Number expires) || !clock.instant().isBefore(Instant.ofEpochSecond(expires.longValue()))) {
            return new Opened.Invalid("expired");
        }
        return new Opened.Valid(content.get("v"));
    }

    /** The cipher's answer; empty when the bytes are not sealed by this key (tampered, forged, of another server). */
    private Optional<byte[]> crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            return Optional.of(cipher.doFinal(input));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
