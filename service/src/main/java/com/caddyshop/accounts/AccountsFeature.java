package com.caddyshop.accounts;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.admin.AdminUsersFeature;
import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.AuthSetup;
import com.caddyshop.accounts.auth.BearerTokenAuthenticator;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.accounts.auth.RevokedTokens;
import com.caddyshop.accounts.auth.TokenChecks;
import com.caddyshop.accounts.auth.TokenGenerations;
import com.caddyshop.accounts.auth.VerifiedTokens;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.DatabaseNamespace;
import com.caddyshop.platform.db.SqlObjects;
import com.caddyshop.platform.config.AccountSettings;
import com.caddyshop.platform.ratelimit.CallerIdentity;
import com.caddyshop.platform.ratelimit.RateLimiting;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import redis.clients.jedis.UnifiedJedis;

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
        MetricRegistry metrics = environment.metrics();
        UnifiedJedis redis = platform.redis().client();
        AccessTokens tokens = new AccessTokens(config.getJwt(), clock);
        VerifiedTokens verified = new VerifiedTokens(tokens);
        TokenGenerations generations = new TokenGenerations(redis, DatabaseNamespace.of(config.getDatabase().getUrl()),
                userId -> storedGeneration(platform, userId));
        TokenChecks checks = new TokenChecks(redis, generations, metrics.counter("caddy.auth.revocation_unchecked"));
        BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(verified, checks);
        AuthSetup.register(environment, authenticator);
        rateLimiting.readAlong(authenticator.checkReadAlong());

        PasswordHashing passwords = passwordHashing(config.getAccounts(), environment);
        AccountService accounts = new AccountService(platform.transactions(), passwords);
        AccessRevocation revocation = new AccessRevocation(generations, clock, metrics.counter("caddy.auth.generation_unpublished"));
        List<byte[]> secrets = new ArrayList<>();
        secrets.add(config.getJwt().secretBytes());
        config.getJwt().previousSecretBytes().ifPresent(secrets::add);
        SessionService sessions = new SessionService(accounts, platform.transactions(), passwords, tokens,
                new RefreshTokens(secrets), new RevokedTokens(redis, clock), revocation,
                SessionLifetimes.of(config.getJwt()), clock);
        LoginThrottle throttle = new LoginThrottle(rateLimiting.limiter(), rateLimiting.settings(), rateLimiting.rejections());
        RegistrationThrottle registrations = new RegistrationThrottle(rateLimiting.limiter(), rateLimiting.settings(),
                rateLimiting.rejections());
        environment.jersey().register(new AuthResource(accounts, sessions, throttle, registrations));
        environment.jersey().register(new UserResource(accounts, sessions, throttle));
        AdminUsersFeature.register(environment, platform, revocation, clock);
        return new AccountsFeature(verified);
    }

    /** The token generation stored for an account; empty when there is no such account. */
    private static OptionalLong storedGeneration(Platform platform, long userId) {
        return platform.jdbi().withExtension(UserDao.class, users -> users.findTokenGeneration(userId))
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
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
