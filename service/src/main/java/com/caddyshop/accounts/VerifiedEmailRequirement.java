package com.caddyshop.accounts;

import com.caddyshop.platform.errors.ApiException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What buying needs of an account: an address confirmed through its verification mail, so order mail
 * reaches the buyer and an order cannot be placed in the name of someone else's mailbox.
 *
 * <p>Cheap on the common path: a token issued after the address was verified says so
 * ({@code email_verified}), and verification never goes back (no endpoint changes an address), so such a
 * token costs no statement. A token issued before (the one the client held while it opened the link)
 * does not force a new login: the flag is read in the caller's transaction, one primary-key read.
 * An endpoint that ever lets an address change must end the account's tokens (its token generation)
 * or this shortcut would trust a stale claim.
 */
public final class VerifiedEmailRequirement {
    /** The machine-readable reason in the 403's {@code details}. */
    public static final String CODE = "email_not_verified";
    /** Where a client asks for a new verification mail. */
    static final String RESEND = "POST /api/users/me/verification-mail";
    static final String MESSAGE = "Verify your e-mail address before you check out: open the link in the verification"
            + " mail we sent you; " + RESEND + " sends a new one";

    /** The one entry of the refusal's {@code details}. */
    public record Unverified(String code, String resend) {
    }

    /** Refuses (403, nothing written) a caller whose address is not verified; reads in {@code tx} only when the token cannot tell. */
    public void require(Handle tx, AuthenticatedUser caller) {
        if (caller.emailVerifiedWhenIssued()) {
            return;
        }
        boolean verified = tx.attach(UserDao.class).findEmailVerified(caller.id()).orElse(false);
        if (!verified) {
            throw new ApiException(403, MESSAGE, List.of(new Unverified(CODE, RESEND)));
        }
    }
}
