package com.caddyshop.payments;

import com.caddyshop.platform.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code Payment-Signature} header of a webhook delivery: {@code t=<unix seconds>,v1=<hex>}, where
 * v1 is HMAC-SHA256 under the shared secret of {@code "<t>.<raw body>"}. The time is inside the signature,
 * so an old delivery cannot be given a fresh time, and one older (or newer) than the tolerance is refused.
 * Several v1 values may be sent (a provider rotating its secret signs with both); one match is enough. The
 * shop may know two secrets while it rotates its own (the current one and the one it replaces): a provider
 * signs with one of them at a time, so a delivery signed with either holds. Comparison is constant-time
 * ({@link MessageDigest#isEqual}) and every accepted secret is tried, whichever matches.
 */
final class WebhookSignature {
    static final String HEADER = "Payment-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_LENGTH = 1024;

    private final List<SecretKeySpec> keys;
    private final Duration tolerance;
    private final Clock clock;

    /** {@code secrets}: the current secret first, then the one being rotated out (if any). */
    WebhookSignature(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs a secret");
        }
        this.keys = secrets.stream().map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The signing time of a delivery whose signature holds; 401 otherwise, naming what failed (never the expected value). */
    long verify(String header, byte[] body) {
        Parsed parsed = parse(header);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - parsed.timestamp()) > tolerance.toSeconds()) {
            throw new RefusedDelivery(WebhookOutcome.STALE, unauthorized(
                    "The signature's timestamp is more than " + tolerance.toSeconds() + " seconds from now"));
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = sign(key, parsed.timestamp(), body);
            for (byte[] candidate : parsed.signatures()) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (matched) {
            return parsed.timestamp();
        }
        throw new RefusedDelivery(WebhookOutcome.BAD_SIGNATURE, unauthorized("The signature does not match the body"));
    }

    /** What a provider sends: the HMAC of {@code "<timestamp>.<body>"}. */
    private static byte[] sign(SecretKeySpec key, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    private static Parsed parse(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            throw malformed();
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw malformed();
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            try {
                if (name.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    signatures.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                throw malformed();
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw malformed();
        }
        return new Parsed(timestamp, signatures);
    }

    private static RefusedDelivery malformed() {
        return new RefusedDelivery(WebhookOutcome.BAD_SIGNATURE, unauthorized(
                "The " + HEADER + " header is missing or malformed: expected t=<unix seconds>,v1=<hex HMAC-SHA256>"));
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, message, List.of());
    }

    private record Parsed(long timestamp, List<byte[]> signatures) {
    }
}
