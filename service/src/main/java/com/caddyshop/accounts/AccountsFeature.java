package com.caddyshop.accounts;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.AuthSetup;
import com.caddyshop.accounts.auth.BearerTokenAuthenticator;
import com.caddyshop.accounts.auth.RevokedTokens;
import com.caddyshop.platform.Platform;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** Wires accounts: token verification for every resource, then the account endpoints. */
public final class AccountsFeature {
    private AccountsFeature() {
    }

    public static void register(CaddyShopConfiguration config, Environment environment, Platform platform) {
        Clock clock = Clock.systemUTC();
        AccessTokens tokens = new AccessTokens(config.getJwt(), clock);
        RevokedTokens revoked = new RevokedTokens(platform.redis().client(), clock, environment.metrics());
        AuthSetup.register(environment, new BearerTokenAuthenticator(tokens, revoked));
    }
}
