package com.caddyshop.accounts;

import java.util.Locale;

/**
 * One spelling per mailbox: {@code users.email} compares bytes (utf8mb4_bin), so addresses are
 * trimmed and lower-cased before they are stored or looked up.
 */
public final class EmailAddresses {
    private EmailAddresses() {
    }

    public static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
