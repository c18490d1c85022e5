package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@code JWT_SECRET} and {@code JWT_EXPIRES_IN}. */
public class JwtSettings {
    /** HS256 needs a key of at least 256 bits; shorter secrets are refused in production. */
    public static final int MIN_SECRET_BYTES = 32;

    @JsonProperty
    private String secret = "";

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration expiresIn = Duration.hours(24);

    @JsonProperty
    @NotNull
    private Duration refreshExpiresIn = Duration.days(30);

    public String getSecret() {
        return secret == null ? "" : secret;
    }

    public byte[] secretBytes() {
        return getSecret().getBytes(StandardCharsets.UTF_8);
    }

    public Duration getExpiresIn() {
        return expiresIn;
    }

    public Duration getRefreshExpiresIn() {
        return refreshExpiresIn;
    }
}
