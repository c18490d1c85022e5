package com.caddyshop.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.testing.PaymentProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shop's side of a webhook secret rotation: the new secret and, while configured, the previous one hold. */
class WebhookSignatureTest {
    private static final String NEW = "new-payments-webhook-secret-0123456789-abcdef";
    private static final String OLD = "old-payments-webhook-secret-0123456789-abcdef";
    private static final String OTHER = "someone-elses-webhook-secret-0123456789-abcd";
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String BODY = PaymentProvider.event("evt_1", "payment.succeeded", "pi_1", "1.00");

    private static String header(String secret) {
        return new PaymentProvider(0, secret).signature(BODY, NOW);
    }

    private static long verify(List<String> secrets, String header) {
        return new WebhookSignature(secrets, Duration.ofMinutes(5), CLOCK).verify(header, BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(List<String> secrets, String header) {
        assertThatThrownBy(() -> verify(secrets, header)).isInstanceOfSatisfying(RefusedDelivery.class,
                refused -> {
                    assertThat(refused.outcome()).isEqualTo(WebhookOutcome.BAD_SIGNATURE);
                    assertThat(refused.answer().status()).isEqualTo(401);
                });
    }

    @Test
    void withoutARotationOnlyTheSecretHolds() {
        assertThat(verify(List.of(NEW), header(NEW))).isEqualTo(NOW);
        refused(List.of(NEW), header(OLD));
        refused(List.of(NEW), header(OTHER));
    }

    @Test
    void duringARotationTheNewAndThePreviousSecretHoldAndNothingElse() {
        List<String> rotating = List.of(NEW, OLD);
        assertThat(verify(rotating, header(NEW))).isEqualTo(NOW);
        assertThat(verify(rotating, header(OLD))).isEqualTo(NOW);
        refused(rotating, header(OTHER));
        // The provider's own rotation: several v1 values, one of them under a secret the shop knows.
        String both = header(OTHER) + ",v1=" + header(OLD).substring(header(OLD).indexOf("v1=") + 3);
        assertThat(verify(rotating, both)).isEqualTo(NOW);
        // The previous secret does not widen anything else: a changed body still fails under it.
        assertThatThrownBy(() -> new WebhookSignature(rotating, Duration.ofMinutes(5), CLOCK)
                .verify(header(OLD), BODY.replace("1.00", "0.01").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RefusedDelivery.class);
    }
}
