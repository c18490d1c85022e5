package com.caddyshop.payments;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/payments/webhook}: the payment provider's signed events. No bearer token: the signature
 * is the authentication. The body is taken as bytes, exactly as signed.
 */
@Path("/api/payments/webhook")
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentWebhookResource {
    private final PaymentWebhook webhook;

    PaymentWebhookResource(PaymentWebhook webhook) {
        this.webhook = webhook;
    }

    @POST
    @Timed
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookReceipt receive(@HeaderParam(WebhookSignature.HEADER) String signature, byte[] body) {
        return webhook.receive(signature, body == null ? new byte[0] : body);
    }
}
