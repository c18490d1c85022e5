package com.caddyshop.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt through a maintained library; the cost is configurable so tests need not pay production's. */
public final class PasswordHasher {
    public static final int PRODUCTION_COST = 12;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        return new String(BCrypt.withDefaults().hash(cost, bytes), StandardCharsets.US_ASCII);
    }

    public boolean matches(String password, String hash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }
}
