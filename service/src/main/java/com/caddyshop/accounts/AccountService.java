package com.caddyshop.accounts;

import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.sql.SQLException;
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

    public AccountService(RetryableTransactions transactions, PasswordHashing passwords) {
        this.transactions = transactions;
        this.passwords = passwords;
    }

    public UserView register(RegisterRequest request) {
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
            return transactions.inTransaction(handle -> {
                UserDao users = handle.attach(UserDao.class);
                long id = users.insert(email, hash, Role.CUSTOMER);
                if (profile.displayName() != null) {
                    users.saveProfile(id, profile);
                }
                UserRecord user = users.findById(id).orElseThrow();
                return new UserView(id, user.email(), user.role(), user.createdAt(), profile);
            });
        } catch (RuntimeException e) {
            if (isDuplicateKey(e)) {
                throw ApiException.conflict("An account with this e-mail address already exists",
                        List.of(new FieldProblem("email", "already registered")));
            }
            throw e;
        }
    }

    public UserView me(long userId) {
        return transactions.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            UserRecord user = users.findById(userId).orElseThrow(() -> ApiException.notFound("Account not found"));
            ProfileView profile = users.findProfile(userId).orElse(ProfileView.EMPTY);
            return new UserView(user.id(), user.email(), user.role(), user.createdAt(), profile);
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

    /** The account for a login attempt, if it exists. */
    Optional<UserRecord> findByEmail(String normalisedEmail) {
        return transactions.inTransaction(handle -> handle.attach(UserDao.class).findByEmail(normalisedEmail));
    }

    Optional<UserRecord> findById(long userId) {
        return transactions.inTransaction(handle -> handle.attach(UserDao.class).findById(userId));
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
