package com.caddyshop.mail;

import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Where features put mail: in their own transaction, so the mail commits with the event that causes it
 * and is rolled back with it. Rendering happens here, so a broken template fails the event's request
 * instead of a mail silently later. Mail is queued whether or not SMTP is configured: without it the
 * rows wait (counted in the metrics) and go out once a sender runs, instead of being lost.
 */
public final class MailOutbox {
    private final MailTemplates templates;
    private final Clock clock;

    public MailOutbox(MailTemplates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public void queue(Handle transaction, Mail mail) {
        RenderedMail rendered = templates.render(mail);
        transaction.attach(OutboxQueueDao.class).queue(mail.kind().name(), mail.recipient(), mail.language().code(),
                rendered.subject(), rendered.text(), rendered.html(), clock.instant());
    }
}
