package com.caddyshop.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code mail_outbox}: queue, claim, settle and purge. */
@RegisterConstructorMapper(OutboxRow.class)
public interface OutboxDao {
    String QUEUED = "QUEUED";
    String SENT = "SENT";
    String FAILED = "FAILED";

    @SqlUpdate("""
            INSERT INTO mail_outbox (kind, recipient, language, subject, body_text, body_html, status, created_at,
                                     next_attempt_at)
            VALUES (:kind, :recipient, :language, :subject, :text, :html, 'QUEUED', :now, :now)""")
    void queue(@Bind("kind") String kind, @Bind("recipient") String recipient, @Bind("language") String language,
               @Bind("subject") String subject, @Bind("text") String text, @Bind("html") String html,
               @Bind("now") Instant now);

    /**
     * Claims up to {@code limit} due rows for one sender: an UPDATE reads the latest committed rows and
     * locks what it changes, so two nodes' claims never overlap (on TiDB as on MariaDB), and a lease
     * whose holder died is taken over once it has expired.
     */
    @SqlUpdate("""
            UPDATE mail_outbox SET claim_token = :token, claimed_until = :until
            WHERE status = 'QUEUED' AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit""")
    int claim(@Bind("token") String token, @Bind("now") Instant now, @Bind("until") Instant until,
              @Bind("limit") int limit);

    @SqlQuery("""
            SELECT id, kind, recipient, subject, body_text, body_html, attempts FROM mail_outbox
            WHERE claim_token = :token AND status = 'QUEUED' ORDER BY id""")
    List<OutboxRow> claimed(@Bind("token") String token);

    @SqlUpdate("""
            UPDATE mail_outbox SET status = 'SENT', sent_at = :now, attempts = attempts + 1, claim_token = NULL,
              claimed_until = NULL, last_error = NULL
            WHERE id = :id AND claim_token = :token""")
    int markSent(@Bind("id") long id, @Bind("token") String token, @Bind("now") Instant now);

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
