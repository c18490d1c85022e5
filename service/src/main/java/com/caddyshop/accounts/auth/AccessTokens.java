package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.Role;
import com.caddyshop.platform.config.JwtSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies access tokens (JWT, HS256 with {@code JWT_SECRET}) through nimbus-jose-jwt.
 * The algorithm is pinned (a token signed otherwise, or "none", is refused), {@code exp}, {@code iat},
 * {@code sub} and {@code jti} are required, and clocks may disagree by at most 60 seconds.
 */
public final class AccessTokens {
    static final String ISSUER = "caddy-backend";
    static final String AUDIENCE = "caddy-shop-api";
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final byte[] secret;
    private final long lifetimeSeconds;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public AccessTokens(JwtSettings settings, Clock clock) {
        this.secret = settings.secretBytes();
        if (secret.length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.lifetimeSeconds = settings.getExpiresIn().toSeconds();
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti", "role"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A signed token for the account, and what logout needs to revoke it. */
    public IssuedToken issue(long userId, String email, Role role) {
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(lifetimeSeconds);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(userId))
                .claim("email", email)
                .claim("role", role.name())
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), tokenId, expiresAt, lifetimeSeconds);
    }

    /** The caller, or empty for any token that is malformed, forged, expired or incomplete. */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Role role = Role.valueOf(claims.getStringClaim("role"));
            String email = claims.getStringClaim("email");
            return Optional.of(new AuthenticatedUser(Long.parseLong(claims.getSubject()), email == null ? "" : email,
                    role, claims.getJWTID(), claims.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A freshly signed token with its id and expiry. */
    public record IssuedToken(String token, String tokenId, Instant expiresAt, long expiresInSeconds) {
    }
}
