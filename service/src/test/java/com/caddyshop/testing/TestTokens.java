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
 * generation 0, a new account's. {@link #create} makes an account whose address is not verified (as a
 * new registration's), which cannot check out; {@link #createVerified} one that opened its verification
 * link, with a token issued after that (as a login after verifying gets): the fixture of every test that
 * checks out. The real link is followed in EmailVerificationIT and CheckoutVerifiedEmailIT.
 */
public final class TestTokens {
    private TestTokens() {
    }

    public static TestUser create(DropwizardAppExtension<CaddyShopConfiguration> app, Role role) {
        return create(app, role, false);
    }

    /** An account whose address is verified (marked in SQL), and a token that says so. */
    public static TestUser createVerified(DropwizardAppExtension<CaddyShopConfiguration> app, Role role) {
        return create(app, role, true);
    }

    private static TestUser create(DropwizardAppExtension<CaddyShopConfiguration> app, Role role, boolean verified) {
        CaddyShopConfiguration config = app.getConfiguration();
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@test.local";
        Jdbi jdbi = Jdbi.create(config.getDatabase().getUrl(), config.getDatabase().getUser(), config.getDatabase().getPassword());
        long id = jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO users (email, password_hash, role, email_verified_at) VALUES (:email, :hash, :role, "
                                + (verified ? "CURRENT_TIMESTAMP(3)" : "NULL") + ")")
                .bind("email", email)
                // Not a usable bcrypt hash: such accounts can only act through the token minted here.
                .bind("hash", "!test-account-without-password")
                .bind("role", role.name())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        String token = new AccessTokens(config.getJwt(), Clock.systemUTC()).issue(id, email, role, 0, verified).token();
        return new TestUser(id, email, role, token);
    }

    /** A test account and its bearer token. */
    public record TestUser(long id, String email, Role role, String token) {
        public String authorization() {
            return "Bearer " + token;
        }
    }
}
