package io.lethe.web.auth;

import io.lethe.http.auth.User;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens: HS256 JWTs signed with a server key, carrying the username, when that user was
 * created (a user deleted and created again under the same name is someone else: the former one's
 * tokens must not serve the new one) and the user's token version. Roles are not trusted from the
 * token: they are read from the user store on every request, so role changes and revocations take
 * effect at once.
 */
public final class TokenService {

    public static final Duration LIFETIME = Duration.ofHours(8);

    /** The claim holding when the token's user was created, in epoch milliseconds. */
    static final String BORN = "born";

    private final JWTAuth jwt;

    public TokenService(Vertx vertx, byte[] signingKey) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(signingKey))));
    }

    public JWTAuth provider() {
        return jwt;
    }

    /** Whether a verified token's claims still name this user: the same incarnation, no revocation since. */
    static boolean names(JsonObject claims, User user) {
        return claims.getLong(BORN, -1L) == user.createdAt().toEpochMilli()
                && claims.getInteger("ver", -1) == user.tokenVersion();
    }

    public String issue(User user) {
        return jwt.generateToken(
                new JsonObject().put("sub", user.username()).put(BORN, user.createdAt().toEpochMilli())
                        .put("ver", user.tokenVersion()),
                new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds((int) LIFETIME.toSeconds()));
    }

    public Instant expiryOfTokenIssuedNow() {
        return Instant.now().plus(LIFETIME);
    }
}
