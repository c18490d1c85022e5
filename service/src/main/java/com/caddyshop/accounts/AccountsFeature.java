package com.caddyshop.accounts;

import com.caddyshop.accounts.admin.AdminUsersFeature;
import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.AuthSetup;
import com.caddyshop.accounts.auth.BearerTokenAuthenticator;
import com.caddyshop.accounts.auth.JwtSettings;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.accounts.auth.RevokedTokens;
import com.caddyshop.accounts.auth.TokenChecks;
import com.caddyshop.accounts.auth.TokenGenerations;
import com.caddyshop.accounts.auth.VerifiedTokens;
import com.caddyshop.mail.MailFeature;
import com.caddyshop.mail.MailRecipients;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.ratelimit.RateLimit;
import com.caddyshop.platform.db.SqlObjects;
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
    private final MailRecipients recipients;
    private final AccountTokens accountTokens;

    private AccountsFeature(VerifiedTokens tokens, MailRecipients recipients, AccountTokens accountTokens) {
        this.tokens = tokens;
        this.recipients = recipients;
        this.accountTokens = accountTokens;
    }

    public static AccountsFeature register(JwtSettings jwt, AccountSettings settings, Environment environment,
                                           Platform platform, RateLimiting rateLimiting, MailFeature mail) {
        SqlObjects.prepare(platform.jdbi(), UserDao.class, MailAddressDao.class, SessionDao.class, AccountTokenDao.class);
        Clock clock = Clock.systemUTC();
        MetricRegistry metrics = environment.metrics();
        UnifiedJedis redis = platform.redis().client();
        AccessTokens tokens = new AccessTokens(jwt, clock);
        VerifiedTokens verified = new VerifiedTokens(tokens);
        TokenGenerations generations = new TokenGenerations(redis, platform.databaseNamespace(),
                userId -> storedGeneration(platform, userId));
        TokenChecks checks = new TokenChecks(redis, generations, metrics.counter("caddy.auth.revocation_unchecked"));
        BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(verified, checks);
        AuthSetup.register(environment, authenticator);
        rateLimiting.readAlong(authenticator.checkReadAlong());

        PasswordHashing passwords = passwordHashing(settings, environment);
        AccountTokens accountTokens = new AccountTokens(clock);
        AccountMails mails = new AccountMails(mail.outbox(), accountTokens, mail.linkBaseUrl());
        AccountService accounts = new AccountService(platform.transactions(), passwords, mails, accountTokens, clock);
        AccessRevocation revocation = new AccessRevocation(generations, clock, metrics.counter("caddy.auth.generation_unpublished"));
        List<byte[]> secrets = new ArrayList<>();
        secrets.add(jwt.secretBytes());
        jwt.previousSecretBytes().ifPresent(secrets::add);
        SessionService sessions = new SessionService(accounts, platform.transactions(), passwords, tokens,
                new RefreshTokens(secrets), new RevokedTokens(redis, revocationGuard(metrics), clock), revocation,
                SessionLifetimes.of(jwt), clock);
        LoginThrottle throttle = new LoginThrottle(rateLimiting.limiter(), rateLimiting.settings(), rateLimiting.rejections());
        ThrottlerSettings limits = rateLimiting.settings();
        AddressThrottle registrations = new AddressThrottle(rateLimiting.limiter(), new RateLimit("register-address",
                limits.getRegisterLimit(), Duration.ofSeconds(limits.getRegisterTtlSeconds())), rateLimiting.rejections());
        Duration resetWindow = Duration.ofSeconds(limits.getResetTtlSeconds());
        ResetThrottle resetThrottle = new ResetThrottle(
                new AddressThrottle(rateLimiting.limiter(), new RateLimit("reset-address", limits.getResetLimit(),
                        resetWindow), rateLimiting.rejections()),
                new AddressThrottle(rateLimiting.limiter(), new RateLimit("reset-recipient",
                        Math.max(1, limits.getResetLimit() / 3), resetWindow), rateLimiting.rejections()));
        PasswordResets resets = new PasswordResets(platform.transactions(), passwords, accountTokens, mails, revocation);
        environment.jersey().register(new AuthResource(accounts, sessions, throttle, registrations, resets, resetThrottle));
        environment.jersey().register(new UserResource(accounts, sessions, throttle, resetThrottle));
        AdminUsersFeature.register(environment, platform, revocation, clock);
        return new AccountsFeature(verified, accounts.mailRecipients(), accountTokens);
    }

    /** What checkout asks of the buyer's account: a verified address. */
    public VerifiedEmailRequirement verifiedEmail() {
        return new VerifiedEmailRequirement();
    }

    /** Where an account's mail goes, for other features' mail (orders). */
    public MailRecipients mailRecipients() {
        return recipients;
    }

    /** The mailed single-use tokens, for the purge of those no longer usable (ops). */
    public AccountTokens accountTokens() {
        return accountTokens;
    }

    /** The token generation stored for an account; empty when there is no such account. */
    private static OptionalLong storedGeneration(Platform platform, long userId) {
        return platform.jdbi().withExtension(UserDao.class, users -> users.findTokenGeneration(userId))
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /**
     * The revocation is only ever written, and a guard never skips a write, so it needs no pause; it
     * gives one warning per outage, and the logouts Redis did not record are counted
     * ({@code caddy_auth_revocation_unrecorded_total}; each also answered 503).
     */
    private static RedisGuard revocationGuard(MetricRegistry metrics) {
        return new RedisGuard("token revocation", Duration.ZERO, System::nanoTime,
                metrics.counter("caddy.auth.revocation_unrecorded"));
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
