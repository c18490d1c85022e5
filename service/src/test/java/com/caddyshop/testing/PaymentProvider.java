package com.caddyshop.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays the payment provider: builds events and delivers them to {@code POST /api/payments/webhook} signed as
 * a provider would ({@code Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}).
 */
public final class PaymentProvider {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String secret;

    public PaymentProvider(int port, String secret) {
        this.port = port;
        this.secret = secret;
    }

    public static String event(String id, String type, String intent, String amount) {
        return """
                {"id": "%s", "type": "%s", "created": %d, "livemode": false,
                 "data": {"paymentIntent": "%s", "amount": "%s", "currency": "EUR"}}"""
                .formatted(id, type, Instant.now().getEpochSecond(), intent, amount);
    }

    /** The header a provider sends for this body at this time. */
    public String signature(String body, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
    }

    /** Delivers the body signed now. */
    public HttpResponse<String> deliver(String body) {
        return deliver(body, signature(body, Instant.now().getEpochSecond()));
    }

    public HttpResponse<String> deliver(String body, String signatureHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/payments/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signatureHeader != null) {
            request.header("Payment-Signature", signatureHeader);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String hmac(String key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
