package com.caddyshop.accounts;

import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.accounts.auth.RevokedTokens;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, refresh-token rotation and logout.
 *
 * <p>A login opens a token family. Each refresh revokes the presented token and issues its
 * successor in the same family. A token presented again after it was rotated means two parties
 * hold it (one of them a thief), and there is no telling which: the whole family is revoked and
 * both must log in again.
 */
public final class SessionService {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
    /** One message and status for unknown e-mail, wrong password and disabled account alike. */
    static final String INVALID_LOGIN = "Invalid e-mail address or password";
    static final String INVALID_REFRESH = "The refresh token is invalid, expired or revoked";
    static final String LOGOUT_INCOMPLETE =
            "Signed out of the session, but the access token could not be revoked yet; retry the logout";

    private final AccountService accounts;
    private final RetryableTransactions transactions;
    private final PasswordHashing passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RevokedTokens revokedTokens;
    private final Duration refreshLifetime;
    private final Clock clock;

    public SessionService(AccountService accounts, RetryableTransactions transactions, PasswordHashing passwords,
                          AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedTokens revokedTokens,
                          Duration refreshLifetime, Clock clock) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revokedTokens = revokedTokens;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
    }

    public TokenResponse login(LoginRequest request, ClientInfo client) {
        Optional<UserRecord> found = accounts.findByEmail(EmailAddresses.normalise(request.email()));
        if (found.isEmpty()) {
            // As slow as a real check, so the response time does not tell that the account is missing.
            passwords.matchNothing(request.password());
            throw unauthorized(INVALID_LOGIN);
        }
        UserRecord user = found.get();
        if (!passwords.matches(request.password(), user.passwordHash()) || !user.isActive()) {
            throw unauthorized(INVALID_LOGIN);
        }
        String familyId = UUID.randomUUID().toString();
        String refreshToken = transactions.inTransaction(handle -> openSession(handle, user.id(), familyId, client));
        return tokensFor(user, refreshToken);
    }

    public TokenResponse refresh(String presentedToken, ClientInfo client) {
        String tokenHash = RefreshTokens.hash(presentedToken);
        Rotation rotation = transactions.inTransaction(handle -> rotate(handle, tokenHash, client));
        if (rotation.reusedFamily() != null) {
            // Committed above before refusing: the family stays revoked.
            LOG.warn("refresh token reused: revoked token family {} of user {}", rotation.reusedFamily(), rotation.userId());
        }
        if (rotation.user() == null) {
            throw unauthorized(INVALID_REFRESH);
        }
        return tokensFor(rotation.user(), rotation.refreshToken());
    }

    /**
     * Ends the login session of the given refresh token (its whole family) if it is the caller's,
     * then revokes the access token itself until it expires. If Redis cannot record that, the
     * client hears so (503) instead of believing a token that still works is dead; the refresh
     * token is revoked by then, and a retry completes the logout.
     */
    public void logout(AuthenticatedUser user, String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            String tokenHash = RefreshTokens.hash(refreshToken);
            transactions.useTransaction(handle -> {
                SessionDao sessions = handle.attach(SessionDao.class);
                sessions.lockByTokenHash(tokenHash)
                        .filter(session -> session.userId() == user.id())
                        .ifPresent(session -> sessions.revokeFamily(session.familyId(), clock.instant()));
            });
        }
        if (!revokedTokens.revoke(user.tokenId(), user.tokenExpiresAt())) {
            throw new ApiException(503, LOGOUT_INCOMPLETE);
        }
    }

    private Rotation rotate(Handle handle, String tokenHash, ClientInfo client) {
        SessionDao sessions = handle.attach(SessionDao.class);
        Instant now = clock.instant();
        Optional<SessionRecord> found = sessions.lockByTokenHash(tokenHash);
        if (found.isEmpty()) {
            return Rotation.REFUSED;
        }
        SessionRecord session = found.get();
        if (session.revokedAt() != null) {
            sessions.revokeFamily(session.familyId(), now);
            return new Rotation(null, null, session.familyId(), session.userId());
        }
        if (!session.expiresAt().isAfter(now)) {
            return Rotation.REFUSED;
        }
        Optional<UserRecord> user = handle.attach(UserDao.class).findById(session.userId()).filter(UserRecord::isActive);
        if (user.isEmpty()) {
            sessions.revokeFamily(session.familyId(), now);
            return Rotation.REFUSED;
        }
        sessions.revoke(session.id(), now);
        String successor = openSession(handle, session.userId(), session.familyId(), client);
        return new Rotation(user.get(), successor, null, session.userId());
    }

    private String openSession(Handle handle, long userId, String familyId, ClientInfo client) {
        String token = refreshTokens.newToken();
        Instant now = clock.instant();
        handle.attach(SessionDao.class).insert(userId, RefreshTokens.hash(token), familyId, client.userAgent(),
                client.address(), now, now.plus(refreshLifetime));
        return token;
    }

    private TokenResponse tokensFor(UserRecord user, String refreshToken) {
        AccessTokens.IssuedToken access = accessTokens.issue(user.id(), user.email(), user.role());
        return new TokenResponse(access.token(), TokenResponse.BEARER, access.expiresInSeconds(), refreshToken);
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    /** What a refresh transaction decided: a new token for the user, or a refusal (and which family it revoked). */
    private record Rotation(UserRecord user, String refreshToken, String reusedFamily, Long userId) {
        static final Rotation REFUSED = new Rotation(null, null, null, null);
    }
}
