package com.caddyshop.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A good token is verified once and then answered from memory until the verifier would refuse it;
 * a bad token is verified in full every time and never kept.
 */
class AcceptedTokensTest {
    private static final Instant ISSUED = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofMinutes(15));

    // A new instance per test (JUnit's default): each test starts with no token kept and no call counted.
    private final AtomicInteger calls = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private final AcceptedTokens accepted = new AcceptedTokens(verifier(calls, clock), clock);

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = ISSUED;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static final AuthenticatedUser ADA = new AuthenticatedUser(7, "ada@example.com", Role.CUSTOMER, "jti-1",
            EXPIRES, 0, true);

    /** Counts the full verifications; "good" verifies as long as the clock is before expiry plus skew. */
    private static Function<String, Optional<AuthenticatedUser>> verifier(AtomicInteger calls, Clock clock) {
        return token -> {
            calls.incrementAndGet();
            boolean alive = clock.instant().isBefore(EXPIRES.plusSeconds(AccessTokens.MAX_CLOCK_SKEW_SECONDS));
            return token.equals("good") && alive ? Optional.of(ADA) : Optional.empty();
        };
    }

    @Test
    void aGoodTokenIsVerifiedOnceWhileItLives() {
        for (int i = 0; i < 5; i++) {
            assertThat(accepted.verify("good")).contains(ADA);
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aBadTokenIsVerifiedEveryTimeAndNeverKept() {
        for (int i = 0; i < 3; i++) {
            assertThat(accepted.verify("forged")).isEmpty();
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void aKeptTokenIsRefusedFromTheMomentTheVerifierWouldRefuseIt() {
        assertThat(accepted.verify("good")).contains(ADA);

        clock.set(EXPIRES.plusSeconds(AccessTokens.MAX_CLOCK_SKEW_SECONDS - 1));
        assertThat(accepted.verify("good")).as("within the skew after exp").contains(ADA);
        assertThat(calls).hasValue(1);

        clock.set(EXPIRES.plusSeconds(AccessTokens.MAX_CLOCK_SKEW_SECONDS));
        assertThat(accepted.verify("good")).as("exp + skew reached: the verifier decides again").isEmpty();
        assertThat(calls).hasValue(2);
        assertThat(accepted.verify("good")).isEmpty();
        assertThat(calls).as("and keeps deciding").hasValue(3);
    }

    @Test
    void withRealTokensATamperedCopyOfAKeptTokenIsStillRefused() {
        AccessTokens tokens = new AccessTokens(AccessTokensTest.settings(AccessTokensTest.NEW, ""), Clock.systemUTC());
        AtomicInteger realCalls = new AtomicInteger();
        AcceptedTokens real = new AcceptedTokens(token -> {
            realCalls.incrementAndGet();
            return tokens.verify(token);
        }, Clock.systemUTC());
        String token = tokens.issue(7, "ada@example.com", Role.CUSTOMER, 0, true).token();

        assertThat(real.verify(token)).map(AuthenticatedUser::id).contains(7L);
        assertThat(real.verify(token)).map(AuthenticatedUser::id).contains(7L);
        // A character inside the signature (the last one also carries bits a decoder may ignore).
        int at = token.length() - 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThat(real.verify(tampered)).isEmpty();
        assertThat(realCalls).as("the kept token once, the tampered one in full").hasValue(2);
    }
}
