package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.JwtSettings;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JWT_SECRET rotation as the operators run it: the new secret in JWT_SECRET, the old one in
 * JWT_SECRET_PREVIOUS. Tokens issued before the rotation keep working until they expire; every new
 * one is signed with the new secret.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class SecretRotationIT {
    static final String NEW_SECRET = "the-new-secret-after-rotation-0123456789abcdef";
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("secret_rotation")
            .set("jwt.secret", () -> NEW_SECRET)
            .set("jwt.previousSecret", () -> TestApp.JWT_SECRET)
            .extension();

    private static AccessTokens signedWith(String secret) {
        return new AccessTokens(Jackson.newObjectMapper().convertValue(Map.of("secret", secret), JwtSettings.class),
                Clock.systemUTC());
    }

    @Test
    void tokensOfThePreviousSecretStillWorkAndNewOnesUseTheNewSecret() throws Exception {
        AccountsClient client = new AccountsClient(APP);
        TestTokens.TestUser user = TestTokens.create(APP, Role.CUSTOMER);
        String beforeRotation = signedWith(TestApp.JWT_SECRET).issue(user.id(), user.email(), Role.CUSTOMER, 0, false).token();
        try (Response response = client.request("/api/users/me", beforeRotation).get()) {
            assertThat(response.getStatus()).as("signed with JWT_SECRET_PREVIOUS").isEqualTo(200);
        }
        String forged = signedWith("a-secret-that-was-never-configured-0123456789").issue(user.id(), user.email(), Role.CUSTOMER, 0, false)
                .token();
        try (Response response = client.request("/api/users/me", forged).get()) {
            assertThat(response.getStatus()).isEqualTo(401);
        }

        JsonNode login = client.registerAndLogin("rotation@example.com", "rotation-password");
        SignedJWT issued = SignedJWT.parse(login.get("accessToken").asText());
        assertThat(issued.verify(new MACVerifier(NEW_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(issued.verify(new MACVerifier(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8)))).isFalse();
    }
}
