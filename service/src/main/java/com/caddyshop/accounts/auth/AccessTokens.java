package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies access tokens (JWT, HS256) through nimbus-jose-jwt. New tokens are signed with
 * {@code JWT_SECRET}; during a rotation, tokens signed with {@code JWT_SECRET_PREVIOUS} are still
 * accepted until they expire. The algorithm is pinned (a token signed otherwise, or "none", is
 * refused), {@code exp}, {@code iat}, {@code sub} and {@code jti} are required, and clocks may
 * disagree by at most 60 seconds. The {@code gen} claim is the account's token generation when the
 * token was issued ({@link TokenGenerations}); a token from before generations existed counts as 0.
 * {@code email_verified} (OpenID Connect's claim name) says the account's address was verified when the
 * token was issued; absent or false means only "not known to be verified then" (see
 * {@code VerifiedEmailRequirement}, which asks the database for such tokens).
 */
public final class AccessTokens {
    static final String ISSUER = "caddy-backend";
    static final String AUDIENCE = "caddy-shop-api";
    static final String GENERATION = "gen";
    static final String EMAIL_VERIFIED = "email_verified";
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final byte[] secret;
    private final long lifetimeSeconds;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public AccessTokens(JwtSettings settings, Clock clock) {
        this.secret = requireStrong("JWT_SECRET", settings.secretBytes());
        List<JWK> keys = new ArrayList<>();
        keys.add(new OctetSequenceKey.Builder(secret).build());
        settings.previousSecretBytes().ifPresent(previous ->
                keys.add(new OctetSequenceKey.Builder(requireStrong("JWT_SECRET_PREVIOUS", previous)).build()));
        this.lifetimeSeconds = settings.getExpiresIn().toSeconds();
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        // The processor tries each key the selector offers: the current secret, then the previous one.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableJWKSet<>(new JWKSet(keys))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti", "role"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    private static byte[] requireStrong(String name, byte[] secret) {
        if (secret.length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(name + " must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }

    /** A signed token for the account at its current token generation, and what logout needs to revoke it. */
    public IssuedToken issue(long userId, String email, Role role, long generation, boolean emailVerified) {
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(lifetimeSeconds);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(userId))
                .claim("email", email)
                .claim("role", role.name())
                .claim(GENERATION, generation)
                .claim(EMAIL_VERIFIED, emailVerified)
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
            Long generation = claims.getLongClaim(GENERATION);
            Boolean emailVerified = claims.getBooleanClaim(EMAIL_VERIFIED);
            return Optional.of(new AuthenticatedUser(Long.parseLong(claims.getSubject()), email == null ? "" : email,
                    role, claims.getJWTID(), claims.getExpirationTime().toInstant(), generation == null ? 0 : generation,
                    Boolean.TRUE.equals(emailVerified)));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A freshly signed token with its id and expiry. */
    public record IssuedToken(String token, String tokenId, Instant expiresAt, long expiresInSeconds) {
    }
}
