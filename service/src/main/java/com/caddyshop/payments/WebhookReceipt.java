package com.caddyshop.payments;

/** The webhook's 200 answer: the event and what came of it (lower-case {@link WebhookOutcome}). */
public record WebhookReceipt(String eventId, String outcome) {
}
