package com.caddyshop.ops;

import com.caddyshop.accounts.AccountTokens;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes rows whose purpose has passed: idempotency keys after their expiry, and refresh-token
 * sessions a week after they expired or were revoked (kept that long so a reused token can still
 * be recognised as a replay), and mailed account tokens once expired or used (accounts decides which).
 * Small batches keep each transaction short, as TiDB prefers.
 */
public final class ExpiredRows {
    static final int BATCH = 1000;
    static final int SESSION_GRACE_DAYS = 7;

    private final Jdbi jdbi;
    private final AccountTokens accountTokens;
    private final Clock clock;

    public ExpiredRows(Jdbi jdbi, AccountTokens accountTokens, Clock clock) {
        this.jdbi = jdbi;
        this.accountTokens = accountTokens;
        this.clock = clock;
    }

    /** Rows deleted per table. */
    public Map<String, Long> purge() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDateTime sessionCutoff = now.minusDays(SESSION_GRACE_DAYS);
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("idempotency_keys", inBatches(
                "DELETE FROM idempotency_keys WHERE expires_at < :cutoff LIMIT " + BATCH, now));
        deleted.put("user_sessions", inBatches(
                "DELETE FROM user_sessions WHERE expires_at < :cutoff OR revoked_at < :cutoff LIMIT " + BATCH, sessionCutoff));
        deleted.put("account_tokens", inBatches(() -> jdbi.withHandle(h -> accountTokens.purgeUnusable(h, BATCH))));
        return deleted;
    }

    private long inBatches(String sql, LocalDateTime cutoff) {
        return inBatches(() -> jdbi.withHandle(h -> h.createUpdate(sql).bind("cutoff", cutoff).execute()));
    }

    /** Runs one batch after another until a batch deletes less than a whole batch. */
    private static long inBatches(IntSupplier batch) {
        long total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
