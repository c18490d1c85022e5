package com.caddyshop.mail;

/** A mail as it is stored in the outbox and sent: subject, plain text and HTML. */
public record RenderedMail(String subject, String text, String html) {
}
