package com.caddyshop.mail;

/** A claimed outbox row, ready to send. */
public record OutboxRow(long id, String kind, String recipient, String subject, String bodyText, String bodyHtml,
                        int attempts) {
}
