package com.caddyshop.accounts;

import com.caddyshop.mail.MailLanguage;
import com.caddyshop.mail.MailRecipients;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Registration, the caller's own account and profile. */
public final class AccountService {
    /** MySQL, MariaDB and TiDB all report a unique-key violation as 1062. */
    static final int DUPLICATE_KEY = 1062;
    /** {@code users.email} is VARCHAR(254), counted in characters. */
    static final int EMAIL_COLUMN_LENGTH = 254;

    private final RetryableTransactions transactions;
    private final PasswordHashing passwords;
    static final String INVALID_VERIFICATION =
            "The verification link is invalid, expired or already used; sign in and ask for a new one";

    private final AccountMails mails;
    private final AccountTokens tokens;
    private final Clock clock;

    AccountService(RetryableTransactions transactions, PasswordHashing passwords, AccountMails mails,
                   AccountTokens tokens, Clock clock) {
        this.transactions = transactions;
        this.passwords = passwords;
        this.mails = mails;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * A new account, whose address gets a verification mail in the same transaction; its mail is in
     * {@code language} from then on. For an address that already has an account nothing is created and
     * that account gets a "you already have an account" mail instead: the caller cannot tell the two
     * apart (both cost the same password hash, and the endpoint answers both the same way).
     */
    public void register(RegisterRequest request, MailLanguage language) {
        String email = EmailAddresses.normalise(request.email());
        // Lower-casing can lengthen an address ("İ" becomes "i" and a combining dot): what fitted the
        // request's limit may not fit the column, which would be a 500 at the insert.
        if (email.codePointCount(0, email.length()) > EMAIL_COLUMN_LENGTH) {
            throw ApiException.unprocessable("Validation failed", List.of(new FieldProblem("email",
                    "must be at most " + EMAIL_COLUMN_LENGTH + " characters once lower-cased")));
        }
        // Hashed before the insert, outside the transaction: bcrypt must not hold a connection.
        String hash = passwords.hash(request.password());
        ProfileView profile = new ProfileUpdate(request.displayName(), null, null, null, null, null, null).toView();
        try {
            transactions.useTransaction(handle -> {
                UserDao users = handle.attach(UserDao.class);
                long id = users.insert(email, hash, Role.CUSTOMER, language.code());
                if (profile.displayName() != null) {
                    users.saveProfile(id, profile);
                }
                mails.verification(handle, id, email, language);
            });
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            transactions.useTransaction(handle -> handle.attach(UserDao.class).findByEmail(email).ifPresent(existing ->
                    mails.alreadyRegistered(handle, existing.email(), handle.attach(MailAddressDao.class)
                            .findMailAddress(existing.id()).map(a -> MailLanguage.fromCode(a.language())).orElse(language))));
        }
    }

    public UserView me(long userId) {
        return transactions.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            UserRecord user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account not found"));
            ProfileView profile = users.findProfile(userId).orElse(ProfileView.EMPTY);
            boolean verified = users.findEmailVerified(userId).orElse(false);
            return new UserView(user.id(), user.email(), user.role(), user.createdAt(), verified, profile);
        });
    }

    public ProfileView updateProfile(long userId, ProfileUpdate update) {
        ProfileView profile = update.toView();
        return transactions.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            if (users.findById(userId).isEmpty()) {
                throw ApiException.notFound("Account not found");
            }
            users.saveProfile(userId, profile);
            return profile;
        });
    }

    /** Marks the account's address verified with the mailed token; 422 naming {@code token} if it cannot be used. */
    public void verifyEmail(String token) {
        transactions.useTransaction(handle -> {
            long userId = tokens.spend(handle, token, AccountTokens.Purpose.VERIFY_EMAIL)
                    .orElseThrow(() -> ApiException.unprocessable(INVALID_VERIFICATION,
                            List.of(new FieldProblem("token", "is invalid, expired or already used"))));
            handle.attach(UserDao.class).markEmailVerified(userId, clock.instant());
        });
    }

    /** Queues a new verification mail; false (nothing sent) when the address is verified already. */
    public boolean resendVerification(long userId) {
        return transactions.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            if (users.findEmailVerified(userId).orElseThrow(() -> ApiException.notFound("Account not found"))) {
                return false;
            }
            MailAddressDao.MailAddress address = handle.attach(MailAddressDao.class).findMailAddress(userId).orElseThrow();
            mails.verification(handle, userId, address.email(), MailLanguage.fromCode(address.language()));
            return true;
        });
    }

    /** The account for a login attempt, if it exists. */
    Optional<UserRecord> findByEmail(String normalisedEmail) {
        return transactions.inTransaction(handle -> handle.attach(UserDao.class).findByEmail(normalisedEmail));
    }

    Optional<UserRecord> findById(long userId) {
        return transactions.inTransaction(handle -> handle.attach(UserDao.class).findById(userId));
    }

    /** Where an account's mail goes, read in the caller's transaction. */
    MailRecipients mailRecipients() {
        return (handle, userId) -> handle.attach(MailAddressDao.class).findMailAddress(userId)
                .map(address -> new MailRecipients.Recipient(address.email(), MailLanguage.fromCode(address.language())));
    }

    static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
