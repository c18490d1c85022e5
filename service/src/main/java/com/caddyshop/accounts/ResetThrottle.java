package com.caddyshop.accounts;

import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.platform.ratelimit.RateLimitDecision;

/**
 * Password reset's budgets: per client address on both endpoints, and per e-mail address on requests,
 * so that nobody can fill one mailbox with reset mails from many addresses.
 */
final class ResetThrottle {
    private final AddressThrottle perAddress;
    private final AddressThrottle perRecipient;

    ResetThrottle(AddressThrottle perAddress, AddressThrottle perRecipient) {
        this.perAddress = perAddress;
        this.perRecipient = perRecipient;
    }

    RateLimitDecision check(String clientAddress) {
        return perAddress.check(clientAddress);
    }

    /** Only the mailbox's budget: registration, which mails the address whether or not it has an account. */
    void checkMailbox(String normalisedEmail) {
        perRecipient.checkKey(RefreshTokens.hash(normalisedEmail));
    }

    /** A request: the client address first, then the mailbox (as its SHA-256, no address in Redis keys). */
    RateLimitDecision check(String clientAddress, String normalisedEmail) {
        RateLimitDecision decision = perAddress.check(clientAddress);
        perRecipient.checkKey(RefreshTokens.hash(normalisedEmail));
        return decision;
    }
}
