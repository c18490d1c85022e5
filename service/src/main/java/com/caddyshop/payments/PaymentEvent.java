package com.caddyshop.payments;

import com.caddyshop.orders.OrderPayments;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider's webhook event, provider-neutral: {@code {"id", "type", "data": {"paymentIntent", "amount",
 * "currency"}}}. Fields the shop does not read are allowed (providers add them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentEvent(String id, String type, Data data) {
    static final Map<String, OrderPayments.Report> TYPES = Map.of(
            "payment.succeeded", OrderPayments.Report.SUCCEEDED,
            "payment.failed", OrderPayments.Report.FAILED,
            "payment.refunded", OrderPayments.Report.REFUNDED);
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1,100}");
    private static final Pattern INTENT = Pattern.compile("[\\x21-\\x7E]{1,40}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(String paymentIntent, BigDecimal amount, String currency) {
    }

    /** The signed body as an event; 400 when it is no JSON object, 422 naming each missing or bad field. */
    static PaymentEvent parse(ObjectMapper json, byte[] body) {
        PaymentEvent event;
        try {
            event = json.readValue(body, PaymentEvent.class);
        } catch (IOException e) {
            throw new RefusedDelivery(WebhookOutcome.MALFORMED, ApiException.badRequest("The body is not a JSON event"));
        }
        if (event == null) {
            throw new RefusedDelivery(WebhookOutcome.MALFORMED, ApiException.badRequest("The body is not a JSON event"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (event.id() == null || !EVENT_ID.matcher(event.id()).matches()) {
            problems.add(new FieldProblem("id", "must be 1 to 100 visible ASCII characters"));
        }
        if (event.type() == null || event.type().isBlank()) {
            problems.add(new FieldProblem("type", "must not be blank"));
        }
        if (event.report().isPresent()) {
            Data data = event.data();
            if (data == null) {
                problems.add(new FieldProblem("data", "must not be null"));
            } else {
                if (data.paymentIntent() == null || !INTENT.matcher(data.paymentIntent()).matches()) {
                    problems.add(new FieldProblem("data.paymentIntent", "must be 1 to 40 visible ASCII characters"));
                }
                if (data.amount() == null || data.amount().signum() < 0 || data.amount().scale() > 2) {
                    problems.add(new FieldProblem("data.amount", "must be a non-negative amount with at most 2 decimals"));
                }
                if (data.currency() == null || !CURRENCY.matcher(data.currency()).matches()) {
                    problems.add(new FieldProblem("data.currency", "must be an ISO 4217 code in upper case"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RefusedDelivery(WebhookOutcome.MALFORMED, ApiException.unprocessable("Validation failed", problems));
        }
        return event;
    }

    /** What the event reports, or empty for a type the shop does not act on. */
    Optional<OrderPayments.Report> report() {
        return Optional.ofNullable(type == null ? null : TYPES.get(type));
    }
}
