package com.caddyshop.accounts;

import com.caddyshop.accounts.auth.AccessTokens;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.accounts.auth.RevokedTokens;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, refresh-token rotation, logout, log out everywhere and password change.
 *
 * <p>A login opens a token family that lives at most {@code JWT_SESSION_MAX_AGE}. Each refresh
 * revokes the presented token and issues its successor in the same family. The same token presented
 * again within the grace period ({@code JWT_REFRESH_GRACE}, a client whose response was lost) gets
 * the same successor, as long as that successor is unused. Presented again later, or after its
 * successor was used, it means two parties hold it (one of them a thief), and there is no telling
 * which: the whole family is revoked and the account's access tokens end ({@link AccessRevocation}).
 * A token ended by a logout is merely refused.
 */
public final class SessionService {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
    /** One message and status for unknown e-mail, wrong password and disabled account alike. */
    static final String INVALID_LOGIN = "Invalid e-mail address or password";
    static final String INVALID_REFRESH = "The refresh token is invalid, expired or revoked";
    static final String LOGOUT_INCOMPLETE =
            "Signed out of the session, but the access token could not be revoked yet; retry the logout";
    static final String LOGOUT_ALL_INCOMPLETE =
            "Every session is ended, but access tokens already issued could not be revoked yet; retry";
    static final String SIGNED_OUT = "The account is signed out; sign in again";

    private final AccountService accounts;
    private final RetryableTransactions transactions;
    private final PasswordHashing passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RevokedTokens revokedTokens;
    private final AccessRevocation revocation;
    private final SessionLifetimes lifetimes;
    private final Clock clock;

    public SessionService(AccountService accounts, RetryableTransactions transactions, PasswordHashing passwords,
                          AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedTokens revokedTokens,
                          AccessRevocation revocation, SessionLifetimes lifetimes, Clock clock) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revokedTokens = revokedTokens;
        this.revocation = revocation;
        this.lifetimes = lifetimes;
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
        String refreshToken = transactions.inTransaction(handle -> openFamily(handle, user.id(), client));
        return tokensFor(user, refreshToken);
    }

    public TokenResponse refresh(String presentedToken, ClientInfo client) {
        Rotation rotation = transactions.inTransaction(handle -> rotate(handle, presentedToken, client));
        if (rotation.reusedFamily() != null) {
            // Committed above before refusing: the family stays revoked, the generation bumped.
            LOG.warn("refresh token reused: revoked token family {} and the access tokens of user {}",
                    rotation.reusedFamily(), rotation.userId());
            revocation.publish(rotation.userId(), rotation.generation());
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

    /**
     * Log out everywhere: every refresh session of the account ends, and every access token with
     * them, on every node. 503 when Redis could not be told (the sessions are ended; a retry
     * completes it, and the checks catch up from the database within minutes anyway).
     */
    public void logoutEverywhere(AuthenticatedUser user) {
        long generation = transactions.inTransaction(handle -> revocation.endEverySession(handle, user.id()));
        if (!revocation.publish(user.id(), generation)) {
            throw new ApiException(503, LOGOUT_ALL_INCOMPLETE);
        }
    }

    /**
     * A new password ends every session of the account (a thief who had the old one is out) and
     * opens a new one for the caller, whose tokens are returned. The current password is checked
     * under the login budgets, so this is no faster oracle for it than login.
     */
    public TokenResponse changePassword(AuthenticatedUser caller, PasswordChange change, ClientInfo client) {
        UserRecord user = accounts.findById(caller.id()).filter(UserRecord::isActive)
                .orElseThrow(() -> unauthorized(SIGNED_OUT));
        if (!passwords.matches(change.currentPassword(), user.passwordHash())) {
            throw ApiException.unprocessable("The current password is not correct",
                    List.of(new FieldProblem("currentPassword", "is not the account's password")));
        }
        String hash = passwords.hash(change.newPassword());
        ChangedPassword changed = transactions.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            // Decided under the row lock: an account disabled meanwhile gets no new session.
            if (users.lockById(user.id()).filter(UserRecord::isActive).isEmpty()) {
                throw unauthorized(SIGNED_OUT);
            }
            users.updatePassword(user.id(), hash);
            long generation = revocation.endEverySession(handle, user.id());
            return new ChangedPassword(generation, openFamily(handle, user.id(), client));
        });
        revocation.publish(user.id(), changed.generation());
        return tokensFor(user.id(), user.email(), user.role(), changed.generation(), user.emailVerified(),
                changed.refreshToken());
    }

    private Rotation rotate(Handle handle, String presentedToken, ClientInfo client) {
        SessionDao sessions = handle.attach(SessionDao.class);
        Instant now = clock.instant();
        Optional<SessionRecord> found = sessions.lockByTokenHash(RefreshTokens.hash(presentedToken));
        if (found.isEmpty()) {
            return Rotation.REFUSED;
        }
        SessionRecord session = found.get();
        if (session.rotatedAt() != null) {
            if (lifetimes.withinGrace(session.rotatedAt(), now)) {
                Optional<Rotation> retried = unusedSuccessor(handle, session, presentedToken, now);
                if (retried.isPresent()) {
                    return retried.get();
                }
            }
            sessions.revokeFamily(session.familyId(), now);
            long generation = revocation.bumpGeneration(handle, session.userId());
            return new Rotation(null, null, session.familyId(), session.userId(), generation);
        }
        if (session.revokedAt() != null) {
            // Ended by a logout (or with its family): refused; nothing was stolen from a live family.
            return Rotation.REFUSED;
        }
        Instant familyEnd = session.familyEnd(lifetimes.maxAge());
        if (!session.expiresAt().isAfter(now) || !familyEnd.isAfter(now)) {
            return Rotation.REFUSED;
        }
        Optional<UserRecord> user = activeUser(handle, session.userId());
        if (user.isEmpty()) {
            sessions.revokeFamily(session.familyId(), now);
            return Rotation.REFUSED;
        }
        sessions.rotate(session.id(), now);
        String successor = refreshTokens.successorOf(presentedToken);
        insert(handle, session.userId(), session.familyId(), familyEnd, successor, client, now);
        return new Rotation(user.get(), successor, null, session.userId(), 0);
    }

    /** The successor of a token rotated a moment ago, when nobody has used it yet: the client lost the first answer. */
    private Optional<Rotation> unusedSuccessor(Handle handle, SessionRecord rotated, String presentedToken, Instant now) {
        SessionDao sessions = handle.attach(SessionDao.class);
        for (String successor : refreshTokens.possibleSuccessorsOf(presentedToken)) {
            Optional<SessionRecord> next = sessions.lockByTokenHash(RefreshTokens.hash(successor))
                    .filter(s -> s.familyId().equals(rotated.familyId()) && s.revokedAt() == null && s.expiresAt().isAfter(now));
            if (next.isPresent()) {
                return activeUser(handle, rotated.userId())
                        .map(user -> new Rotation(user, successor, null, rotated.userId(), 0));
            }
        }
        return Optional.empty();
    }

    private static Optional<UserRecord> activeUser(Handle handle, long userId) {
        return handle.attach(UserDao.class).findById(userId).filter(UserRecord::isActive);
    }

    /** A new family (a login): its first refresh token, the family's end {@code JWT_SESSION_MAX_AGE} from now. */
    private String openFamily(Handle handle, long userId, ClientInfo client) {
        Instant now = clock.instant();
        String token = refreshTokens.newToken();
        insert(handle, userId, UUID.randomUUID().toString(), now.plus(lifetimes.maxAge()), token, client, now);
        return token;
    }

    private void insert(Handle handle, long userId, String familyId, Instant familyEnd, String token, ClientInfo client,
                        Instant now) {
        handle.attach(SessionDao.class).insert(userId, RefreshTokens.hash(token), familyId, client.userAgent(),
                client.address(), now, lifetimes.tokenExpiry(now, familyEnd), familyEnd);
    }

    private TokenResponse tokensFor(UserRecord user, String refreshToken) {
        return tokensFor(user.id(), user.email(), user.role(), user.tokenGeneration(), user.emailVerified(), refreshToken);
    }

    private TokenResponse tokensFor(long userId, String email, Role role, long generation, boolean emailVerified,
                                    String refreshToken) {
        AccessTokens.IssuedToken access = accessTokens.issue(userId, email, role, generation, emailVerified);
        return new TokenResponse(access.token(), TokenResponse.BEARER, access.expiresInSeconds(), refreshToken);
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    /**
     * What a refresh transaction decided: a token for the user, or a refusal; after a reuse, the
     * family it revoked and the account's new token generation.
     */
    private record Rotation(UserRecord user, String refreshToken, String reusedFamily, Long userId, long generation) {
        static final Rotation REFUSED = new Rotation(null, null, null, null, 0);
    }

    private record ChangedPassword(long generation, String refreshToken) {
    }
}
