package com.caddyshop.accounts;

import com.caddyshop.accounts.auth.TokenGenerations;
import com.codahale.metrics.Counter;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Ends an account's access tokens at once, on every node: its token generation is bumped in the
 * database, in the transaction of the change that causes it (disable, role change, password change,
 * refresh-token reuse, log out everywhere), and published to Redis after the commit, where every
 * node's next check reads it ({@link TokenGenerations}). A publication Redis misses is counted
 * ({@code caddy_auth_generation_unpublished_total}) and corrected by the checks from the database.
 */
public final class AccessRevocation {
    private final TokenGenerations generations;
    private final Clock clock;
    private final Counter unpublished;

    public AccessRevocation(TokenGenerations generations, Clock clock, Counter unpublished) {
        this.generations = generations;
        this.clock = clock;
        this.unpublished = unpublished;
    }

    /** In the caller's transaction: every refresh session of the account ends, and its access tokens with them. */
    public long endEverySession(Handle handle, long userId) {
        handle.attach(SessionDao.class).revokeAllOfUser(userId, clock.instant());
        return bumpGeneration(handle, userId);
    }

    /**
     * In the caller's transaction: the account's access tokens end; its refresh sessions go on and
     * issue tokens of the new generation (with the new role). Returns the new generation.
     */
    public long bumpGeneration(Handle handle, long userId) {
        UserDao users = handle.attach(UserDao.class);
        users.bumpTokenGeneration(userId);
        return users.findTokenGeneration(userId).orElseThrow(() -> new IllegalStateException("no user " + userId));
    }

    /** After the commit. False when Redis could not be told. */
    public boolean publish(long userId, long generation) {
        boolean published = generations.publish(userId, generation);
        if (!published) {
            unpublished.inc();
        }
        return published;
    }
}
