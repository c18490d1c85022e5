package com.caddyshop.accounts;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.AuthSetup;
import com.caddyshop.accounts.auth.BearerTokenAuthenticator;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.accounts.auth.RevokedTokens;
import com.caddyshop.accounts.auth.VerifiedTokens;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.SqlObjects;
import com.caddyshop.platform.config.AccountSettings;
import com.caddyshop.platform.ratelimit.CallerIdentity;
import com.caddyshop.platform.ratelimit.RateLimiting;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/** Wires accounts: token verification for every resource, then the account endpoints. */
public final class AccountsFeature {
    private final VerifiedTokens tokens;

    private AccountsFeature(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    public static AccountsFeature register(CaddyShopConfiguration config, Environment environment, Platform platform,
                                           RateLimiting rateLimiting) {
        SqlObjects.prepare(platform.jdbi(), UserDao.class, SessionDao.class);
        Clock clock = Clock.systemUTC();
        AccessTokens tokens = new AccessTokens(config.getJwt(), clock);
        RevokedTokens revoked = new RevokedTokens(platform.redis().client(), clock, environment.metrics());
        VerifiedTokens verified = new VerifiedTokens(tokens);
        AuthSetup.register(environment, new BearerTokenAuthenticator(verified, revoked));
        rateLimiting.readAlong(BearerTokenAuthenticator.revocationReadAlong());

        PasswordHashing passwords = passwordHashing(config.getAccounts(), environment);
        AccountService accounts = new AccountService(platform.transactions(), passwords);
        SessionService sessions = new SessionService(accounts, platform.transactions(), passwords, tokens,
                new RefreshTokens(), revoked, Duration.ofMillis(config.getJwt().getRefreshExpiresIn().toMilliseconds()), clock);
        LoginThrottle throttle = new LoginThrottle(rateLimiting.limiter(), rateLimiting.settings(), rateLimiting.rejections());
        environment.jersey().register(new AuthResource(accounts, sessions, throttle));
        environment.jersey().register(new UserResource(accounts));
        return new AccountsFeature(verified);
    }

    /**
     * bcrypt's own bounded pool: a full queue is refused at once (503), never run on the caller's
     * thread; its threads yield the CPU to request threads ({@link LowPriorityThreads}).
     */
    private static PasswordHashing passwordHashing(AccountSettings settings, Environment environment) {
        ExecutorService pool = environment.lifecycle().executorService("password-hashing-%d")
                .threadFactory(new LowPriorityThreads("password-hashing-"))
                .minThreads(settings.getHashingThreads())
                .maxThreads(settings.getHashingThreads())
                .workQueue(new ArrayBlockingQueue<>(settings.getHashingQueueSize()))
                .rejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy())
                .build();
        return new PasswordHashing(new PasswordHasher(settings.getPasswordHashCost()), pool, settings.getHashingThreads(),
                Duration.ofMillis(settings.getHashingTimeout().toMilliseconds()));
    }

    /**
     * Whose a bearer token is, for per-user rate limiting: signature and expiry only, no round trip;
     * authentication later in the request reuses the verification.
     */
    public CallerIdentity callers() {
        return (request, token) -> tokens.verify(request, token).map(user -> Long.toString(user.id()));
    }
}
