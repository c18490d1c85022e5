package com.caddyshop.accounts;

import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.ratelimit.Charge;
import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.platform.ratelimit.RateLimit;
import com.caddyshop.platform.ratelimit.RateLimitDecision;
import com.caddyshop.platform.ratelimit.RateLimitedException;
import com.caddyshop.platform.ratelimit.RateLimiter;
import com.codahale.metrics.Counter;
import java.time.Duration;
import java.util.List;

/**
 * The login budgets, far below the API's. Every attempt counts, successful or not, and is counted
 * before the password is checked, so guesses past a budget cost no bcrypt work.
 *
 * <ul>
 *   <li>Per address ({@code THROTTLER_LOGIN_ADDRESS_LIMIT}): one machine guessing many accounts. Hard.
 *   <li>Per account from one address ({@code THROTTLER_LOGIN_LIMIT}): one machine guessing one
 *       password. Hard, but it binds that address only.
 *   <li>Per account from all addresses ({@code THROTTLER_LOGIN_ACCOUNT_LIMIT}): many machines
 *       guessing one password. A ceiling, not a wall: beyond it each address gets one attempt at
 *       the account at once, and then one per delay, which doubles with every attempt the account
 *       sees beyond its ceiling, up to {@code THROTTLER_LOGIN_MAX_DELAY}. A third party can slow the
 *       owner down that much, never lock the owner out: the owner's own address is never spent by
 *       anyone else's attempts.
 * </ul>
 *
 * The delay is a 429 with {@code Retry-After}, not a request held open: a held request would cost a
 * request thread per attempt, which is what a flood of attempts would then exhaust.
 */
public final class LoginThrottle {
    /** Doublings beyond which the delay is the maximum anyway (2^20 s is far past any maximum). */
    private static final int MAX_DOUBLINGS = 20;

    private final RateLimiter limiter;
    private final RateLimit perAddress;
    private final RateLimit perAccountAndAddress;
    private final RateLimit perAccount;
    private final long maxDelaySeconds;
    private final Counter rejections;

    public LoginThrottle(RateLimiter limiter, ThrottlerSettings settings, Counter rejections) {
        Duration window = Duration.ofSeconds(settings.getLoginTtlSeconds());
        this.limiter = limiter;
        this.perAddress = new RateLimit("login-address", settings.getLoginAddressLimit(), window);
        this.perAccountAndAddress = new RateLimit("login-account-address", settings.getLoginLimit(), window);
        this.perAccount = new RateLimit("login-account", settings.getLoginAccountLimit(), window);
        this.maxDelaySeconds = settings.getLoginMaxDelaySeconds();
        this.rejections = rejections;
    }

    /** Counts the attempt; returns the decision to report, or throws when the attempt must wait. */
    public RateLimitDecision check(String clientAddress, String normalisedEmail) {
        String address = ClientAddresses.budgetKey(clientAddress);
        String accountAtAddress = normalisedEmail + '\n' + address;
        RateLimitDecision hard = admit(limiter.consumeAndRead(List.of(new Charge(perAddress, address),
                new Charge(perAccountAndAddress, accountAtAddress)), List::of).decision());
        RateLimitDecision account = limiter.consume(perAccount, normalisedEmail);
        if (account.allowed()) {
            return hard;
        }
        // One attempt per address per delay: the turn's window is the delay. Reported is the hard
        // budget still: the turn is a pace, not a budget the client could plan with.
        RateLimit turn = new RateLimit("login-turn", 1, Duration.ofSeconds(delaySeconds(account.used() - account.limit())));
        admit(limiter.consume(turn, accountAtAddress));
        return hard;
    }

    /** 1 s for the first attempt beyond the ceiling, doubling with each further one, at most the maximum. */
    long delaySeconds(long beyondCeiling) {
        long doublings = Math.max(0, Math.min(MAX_DOUBLINGS, beyondCeiling - 1));
        return Math.min(maxDelaySeconds, 1L << doublings);
    }

    private RateLimitDecision admit(RateLimitDecision decision) {
        if (!decision.allowed()) {
            rejections.inc();
            throw new RateLimitedException(decision);
        }
        return decision;
    }
}
