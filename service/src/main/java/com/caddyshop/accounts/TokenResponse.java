package com.caddyshop.accounts;

/** What login and refresh return: a bearer access token, its lifetime in seconds, and the next refresh token. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    static final String BEARER = "Bearer";

    @Override
    public String toString() {
        return "TokenResponse[<hidden>]";
    }
}
