package com.caddyshop.payments;

import com.caddyshop.platform.config.PaymentSettings;
import com.caddyshop.platform.config.Secrets;
import com.caddyshop.platform.config.StartupCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PAYMENTS_WEBHOOK_SECRET} and {@code PAYMENTS_WEBHOOK_SECRET_PREVIOUS}: production needs a strong
 * secret (without one no payment can be confirmed); elsewhere an empty one switches the webhook off.
 */
public record WebhookSecretCheck(PaymentSettings payments) implements StartupCheck {
    @Override
    public List<String> problems(boolean production) {
        List<String> problems = new ArrayList<>();
        if (!production) {
            return problems;
        }
        String secret = payments.getWebhookSecret();
        if (secret.isBlank()) {
            problems.add("PAYMENTS_WEBHOOK_SECRET is missing: without it no payment can be confirmed");
        } else {
            Secrets.weakness("PAYMENTS_WEBHOOK_SECRET", secret).ifPresent(problems::add);
        }
        problems.addAll(Secrets.previousProblems("PAYMENTS_WEBHOOK_SECRET", secret,
                "PAYMENTS_WEBHOOK_SECRET_PREVIOUS", payments.getPreviousWebhookSecret()));
        return problems;
    }
}
