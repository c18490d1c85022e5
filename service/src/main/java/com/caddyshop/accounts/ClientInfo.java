package com.caddyshop.accounts;

/** Where a session was opened from, recorded with it for the account holder's and operators' benefit. */
public record ClientInfo(String address, String userAgent) {
    static final int MAX_ADDRESS = 45;
    static final int MAX_USER_AGENT = 255;

    public ClientInfo {
        address = truncate(address, MAX_ADDRESS);
        userAgent = truncate(userAgent, MAX_USER_AGENT);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
