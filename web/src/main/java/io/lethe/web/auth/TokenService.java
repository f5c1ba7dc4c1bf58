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
 * Bearer tokens: HS256 JWTs signed with a server key, carrying the username and the user's
 * token version. Roles are not trusted from the token: they are read from the user store on
 * every request, so role changes and revocations take effect at once.
 */
public final class TokenService {

    public static final Duration LIFETIME = Duration.ofHours(8);

    private final JWTAuth jwt;

    public TokenService(Vertx vertx, byte[] signingKey) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(signingKey))));
    }

    public JWTAuth provider() {
        return jwt;
    }

    public String issue(User user) {
        return jwt.generateToken(
                new JsonObject().put("sub", user.username()).put("ver", user.tokenVersion()),
                new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds((int) LIFETIME.toSeconds()));
    }

    public Instant expiryOfTokenIssuedNow() {
        return Instant.now().plus(LIFETIME);
    }
}
