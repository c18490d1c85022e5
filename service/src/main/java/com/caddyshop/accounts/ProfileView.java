package com.caddyshop.accounts;

/** A user's profile as clients see it; every field may be {@code null}. */
public record ProfileView(String displayName, String phone, String addressLine1, String addressLine2, String city,
                          String postalCode, String country) {
    static final ProfileView EMPTY = new ProfileView(null, null, null, null, null, null, null);
}
