package com.caddyshop.testing;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.accounts.auth.AccessTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates an account row directly in the app's test database and signs an access token for it
 * with the app's own secret, for tests of features that only need "some customer" or "an admin".
 * Tests of the accounts feature itself go through the HTTP endpoints instead. The token carries
 * generation 0, a new account's.
 */
public final class TestTokens {
    private TestTokens() {
    }

    public static TestUser create(DropwizardAppExtension<CaddyShopConfiguration> app, Role role) {
        CaddyShopConfiguration config = app.getConfiguration();
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@test.local";
        Jdbi jdbi = Jdbi.create(config.getDatabase().getUrl(), config.getDatabase().getUser(), config.getDatabase().getPassword());
        long id = jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO users (email, password_hash, role) VALUES (:email, :hash, :role)")
                .bind("email", email)
                // Not a usable bcrypt hash: such accounts can only act through the token minted here.
                .bind("hash", "!test-account-without-password")
                .bind("role", role.name())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        String token = new AccessTokens(config.getJwt(), Clock.systemUTC()).issue(id, email, role, 0).token();
        return new TestUser(id, email, role, token);
    }

    /** A test account and its bearer token. */
    public record TestUser(long id, String email, Role role, String token) {
        public String authorization() {
            return "Bearer " + token;
        }
    }
}
