package com.caddyshop.payments;

import com.caddyshop.platform.errors.ApiException;

/** A delivery refused before or while applying it: the answer to send and the outcome to count. */
final class RefusedDelivery extends RuntimeException {
    private final WebhookOutcome outcome;
    private final ApiException answer;

    RefusedDelivery(WebhookOutcome outcome, ApiException answer) {
        super(answer.getMessage(), null, false, false);
        this.outcome = outcome;
        this.answer = answer;
    }

    WebhookOutcome outcome() {
        return outcome;
    }

    ApiException answer() {
        return answer;
    }
}
