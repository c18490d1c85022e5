package com.caddyshop.mail;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Queues a mail in the caller's transaction. Apart from {@link OutboxDao} (the sender's side) because
 * it runs inside every checkout, and attaching a SQL object costs Jdbi one handler per method of the
 * interface, paid again on every attach.
 */
public interface OutboxQueueDao {
    @SqlUpdate("""
            INSERT INTO mail_outbox (kind, recipient, language, subject, body_text, body_html, status, created_at,
                                     next_attempt_at)
            VALUES (:kind, :recipient, :language, :subject, :text, :html, 'QUEUED', :now, :now)""")
    void queue(@Bind("kind") String kind, @Bind("recipient") String recipient, @Bind("language") String language,
               @Bind("subject") String subject, @Bind("text") String text, @Bind("html") String html,
               @Bind("now") Instant now);
}
