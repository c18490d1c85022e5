package com.caddyshop.accounts;

import com.caddyshop.accounts.AccountTokens.Purpose;
import com.caddyshop.mail.MailLanguage;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Forgotten passwords. A request mails a single-use link (30 minutes) when the address belongs to an
 * active account and does nothing otherwise; the caller hears the same either way. Confirming sets the
 * new password, spends every open reset token of the account and ends every session of it, as a
 * password change does.
 */
public final class PasswordResets {
    static final String INVALID_TOKEN = "The reset link is invalid, expired or already used; request a new one";

    private final RetryableTransactions transactions;
    private final PasswordHashing passwords;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final AccessRevocation revocation;

    PasswordResets(RetryableTransactions transactions, PasswordHashing passwords, AccountTokens tokens,
                   AccountMails mails, AccessRevocation revocation) {
        this.transactions = transactions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.mails = mails;
        this.revocation = revocation;
    }

    /** Queues the reset mail if there is an active account for the address; says nothing about whether there is. */
    public void request(String normalisedEmail) {
        transactions.useTransaction(handle -> handle.attach(UserDao.class).findByEmail(normalisedEmail)
                .filter(UserRecord::isActive)
                .ifPresent(user -> mails.passwordReset(handle, user.id(), user.email(), language(handle, user.id()))));
    }

    public void reset(PasswordResetConfirmation confirmation) {
        // Hashed before the transaction (bcrypt must not hold a connection); the token is spent inside it.
        String hash = passwords.hash(confirmation.newPassword());
        Reset changed = transactions.inTransaction(handle -> {
            long userId = tokens.spend(handle, confirmation.token(), Purpose.PASSWORD_RESET)
                    .orElseThrow(() -> ApiException.unprocessable(INVALID_TOKEN,
                            List.of(new FieldProblem("token", "is invalid, expired or already used"))));
            UserDao users = handle.attach(UserDao.class);
            if (users.lockById(userId).filter(UserRecord::isActive).isEmpty()) {
                throw ApiException.unprocessable(INVALID_TOKEN,
                        List.of(new FieldProblem("token", "is invalid, expired or already used")));
            }
            users.updatePassword(userId, hash);
            return new Reset(userId, revocation.endEverySession(handle, userId));
        });
        // A missed publication is counted and caught up by the checks from the database.
        revocation.publish(changed.userId(), changed.generation());
    }

    private record Reset(long userId, long generation) {
    }

    private static MailLanguage language(Handle handle, long userId) {
        return handle.attach(MailAddressDao.class).findMailAddress(userId)
                .map(address -> MailLanguage.fromCode(address.language())).orElse(MailLanguage.EN);
    }
}
