package com.caddyshop.mail;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code mail_outbox}: queue, claim, settle and purge. */
@RegisterConstructorMapper(OutboxRow.class)
public interface OutboxDao {
    String QUEUED = "QUEUED";
    String SENT = "SENT";
    String FAILED = "FAILED";

    /** Up to {@code limit} due, unclaimed rows, oldest due first: candidates, which {@link #claim} then tries to take. */
    @SqlQuery("""
            SELECT id FROM mail_outbox
            WHERE status = 'QUEUED' AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
            ORDER BY next_attempt_at LIMIT :limit""")
    List<Long> due(@Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Takes the candidates that are still unclaimed (or whose lease expired) for a sender, in one
     * statement: a compare-and-set per row on the primary key, which MariaDB and TiDB decide on the row's
     * latest committed version, so of two nodes that saw the same candidate exactly one takes it. One
     * UPDATE for the batch rather than one per row: a statement and an autocommit per mail were a tenth
     * of a checkout's statements in {@code make bench}. No SKIP LOCKED (TiDB lacks it). Pass the ids in
     * ascending order: two senders then lock shared rows in the same order.
     */
    @SqlUpdate("""
            UPDATE mail_outbox SET claim_token = :token, claimed_until = :until
            WHERE id IN (<ids>) AND status = 'QUEUED' AND (claimed_until IS NULL OR claimed_until < :now)""")
    int claim(@BindList("ids") Collection<Long> ids, @Bind("token") String token, @Bind("now") Instant now,
              @Bind("until") Instant until);

    @SqlQuery("""
            SELECT id, kind, recipient, subject, body_text, body_html, attempts FROM mail_outbox
            WHERE claim_token = :token AND status = 'QUEUED' ORDER BY id""")
    List<OutboxRow> claimed(@Bind("token") String token);

    /** The mails of one batch that went out; one statement for the batch. */
    @SqlUpdate("""
            UPDATE mail_outbox SET status = 'SENT', sent_at = :now, attempts = attempts + 1, claim_token = NULL,
              claimed_until = NULL, last_error = NULL
            WHERE id IN (<ids>) AND claim_token = :token""")
    int markSent(@BindList("ids") Collection<Long> ids, @Bind("token") String token, @Bind("now") Instant now);

    /** A failed attempt: due again at {@code next}, or FAILED for good when {@code status} says so. */
    @SqlUpdate("""
            UPDATE mail_outbox SET status = :status, attempts = attempts + 1, next_attempt_at = :next,
              claim_token = NULL, claimed_until = NULL, last_error = :error
            WHERE id = :id AND claim_token = :token""")
    int markFailed(@Bind("id") long id, @Bind("token") String token, @Bind("status") String status,
                   @Bind("next") Instant next, @Bind("error") String error);

    @SqlUpdate("DELETE FROM mail_outbox WHERE status = 'SENT' AND sent_at < :before LIMIT :limit")
    int purgeSent(@Bind("before") Instant before, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM mail_outbox WHERE status = :status")
    long count(@Bind("status") String status);

    @SqlQuery("SELECT MIN(created_at) FROM mail_outbox WHERE status = 'QUEUED'")
    Optional<Instant> oldestQueued();
}
