package com.caddyshop.accounts.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh tokens: 256 random bits at login, base64url without padding. Only their SHA-256 (hex) is
 * stored, so a copy of {@code user_sessions} lets nobody in; a fast hash suffices for random secrets
 * of this size, which no dictionary can guess.
 *
 * <p>A rotated token's successor is HMAC-SHA256 of the token under a key derived from the signing
 * secret: as unguessable as a random one to anyone without the secret, and computable again from
 * the token. So a client whose refresh response was lost and who retries with the same token within
 * the grace period gets the very successor it missed, although no successor is stored in the clear.
 * During a secret rotation the previous secret's successors are recognised too.
 */
public final class RefreshTokens {
    static final int TOKEN_BYTES = 32;
    private static final String HMAC = "HmacSHA256";
    /** Domain separation: these keys sign nothing but successors. */
    private static final byte[] SUCCESSOR_LABEL = "caddy-backend refresh-token successor v1".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final List<SecretKeySpec> successorKeys;

    /** {@code secrets}: the current signing secret first, then the previous one if a rotation is under way. */
    public RefreshTokens(List<byte[]> secrets) {
        List<SecretKeySpec> keys = new ArrayList<>();
        for (byte[] secret : secrets) {
            keys.add(new SecretKeySpec(mac(new SecretKeySpec(secret, HMAC), SUCCESSOR_LABEL), HMAC));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a signing secret is needed");
        }
        this.successorKeys = List.copyOf(keys);
    }

    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return encode(bytes);
    }

    /** The successor a rotation of {@code token} issues. */
    public String successorOf(String token) {
        return encode(mac(successorKeys.get(0), token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every successor {@code token} may have been given: under the current secret, then under the previous one. */
    public List<String> possibleSuccessorsOf(String token) {
        List<String> successors = new ArrayList<>(successorKeys.size());
        for (SecretKeySpec key : successorKeys) {
            successors.add(encode(mac(key, token.getBytes(StandardCharsets.UTF_8))));
        }
        return successors;
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
