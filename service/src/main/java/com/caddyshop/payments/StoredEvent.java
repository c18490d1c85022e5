package com.caddyshop.payments;

/** An event the shop has applied: what came of it, and the signing time of the delivery that applied it. */
record StoredEvent(String eventId, WebhookOutcome outcome, long signedAt) {
}
