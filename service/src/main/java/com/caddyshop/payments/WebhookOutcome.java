package com.caddyshop.payments;

import java.util.Locale;

/** What became of one webhook delivery; each is a value of the {@code outcome} label of the webhook metric. */
enum WebhookOutcome {
    /** The event changed the order or its payment. */
    APPLIED,
    /** The event was valid but had nothing to change (the order was already in that state). */
    ALREADY_APPLIED,
    /** The event did not fit the order (paid after it was cancelled, refund of an unpaid order): recorded for staff. */
    NOT_APPLICABLE,
    /** An event type the shop does not act on. */
    IGNORED,
    /** The provider delivered an event again (new signature): answered as the first time, nothing applied again. */
    DUPLICATE,
    /** The very same signed delivery again: refused. */
    REPLAYED,
    BAD_SIGNATURE,
    STALE,
    MALFORMED,
    UNKNOWN_INTENT,
    AMOUNT_MISMATCH,
    /** The order changed while the event was applied: refused with 409, the provider delivers it again. */
    CONFLICT,
    /** PAYMENTS_WEBHOOK_SECRET is not set: every delivery is refused with 503. */
    DISABLED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
