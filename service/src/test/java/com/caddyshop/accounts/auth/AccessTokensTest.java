package com.caddyshop.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing with JWT_SECRET, verifying with it and JWT_SECRET_PREVIOUS; the generation and e-mail-verified claims. */
class AccessTokensTest {
    static final String OLD = "the-secret-before-the-rotation-0123456789";
    static final String NEW = "the-secret-after-the-rotation-9876543210!";
    static final String OTHER = "a-secret-nobody-configured-000000000000000";

    static JwtSettings settings(String secret, String previous) {
        ObjectMapper json = Jackson.newObjectMapper();
        return json.convertValue(Map.of("secret", secret, "previousSecret", previous), JwtSettings.class);
    }

    private static AccessTokens tokens(String secret, String previous) {
        return new AccessTokens(settings(secret, previous), Clock.systemUTC());
    }

    @Test
    void duringARotationTokensOfTheOldSecretAreStillAcceptedAndNewOnesSignedWithTheNewOne() throws Exception {
        String beforeRotation = tokens(OLD, "").issue(7, "ada@example.com", Role.ADMIN, 3, false).token();
        AccessTokens rotating = tokens(NEW, OLD);

        AuthenticatedUser user = rotating.verify(beforeRotation).orElseThrow();
        assertThat(user.id()).isEqualTo(7);
        assertThat(user.role()).isEqualTo(Role.ADMIN);
        assertThat(user.tokenGeneration()).isEqualTo(3);

        SignedJWT issued = SignedJWT.parse(rotating.issue(7, "ada@example.com", Role.ADMIN, 3, false).token());
        assertThat(issued.verify(new MACVerifier(NEW.getBytes(StandardCharsets.UTF_8)))).as("signed with JWT_SECRET").isTrue();
        assertThat(issued.verify(new MACVerifier(OLD.getBytes(StandardCharsets.UTF_8)))).isFalse();

        assertThat(tokens(NEW, "").verify(beforeRotation)).as("once the previous secret is dropped").isEmpty();
        assertThat(rotating.verify(tokens(OTHER, "").issue(7, "ada@example.com", Role.ADMIN, 3, false).token()))
                .as("a secret that is neither").isEmpty();
    }

    @Test
    void aPreviousSecretIsHeldToTheSameStrengthRule() {
        assertThatThrownBy(() -> tokens(NEW, "short")).hasMessageContaining("JWT_SECRET_PREVIOUS");
    }

    @Test
    void aTokenWithoutGenerationCountsAsGenerationZero() throws Exception {
        Instant now = Instant.now();
        SignedJWT legacy = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).audience(AccessTokens.AUDIENCE).subject("5")
                        .claim("role", "CUSTOMER").jwtID("legacy").issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(60))).build());
        legacy.sign(new MACSigner(NEW.getBytes(StandardCharsets.UTF_8)));
        AuthenticatedUser user = tokens(NEW, "").verify(legacy.serialize()).orElseThrow();
        assertThat(user.tokenGeneration()).isZero();
        assertThat(user.emailVerifiedWhenIssued()).as("a token without the claim is not taken as verified").isFalse();
    }

    @Test
    void theTokenCarriesWhetherTheAddressWasVerifiedWhenIssued() throws Exception {
        AccessTokens tokens = tokens(NEW, "");
        String verified = tokens.issue(7, "ada@example.com", Role.CUSTOMER, 0, true).token();
        String unverified = tokens.issue(7, "ada@example.com", Role.CUSTOMER, 0, false).token();
        assertThat(SignedJWT.parse(verified).getJWTClaimsSet().getBooleanClaim(AccessTokens.EMAIL_VERIFIED)).isTrue();
        assertThat(tokens.verify(verified).orElseThrow().emailVerifiedWhenIssued()).isTrue();
        assertThat(tokens.verify(unverified).orElseThrow().emailVerifiedWhenIssued()).isFalse();
    }
}
