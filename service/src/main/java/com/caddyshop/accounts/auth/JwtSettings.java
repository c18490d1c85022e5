package com.caddyshop.accounts.auth;

import com.caddyshop.platform.config.Secrets;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code JWT_SECRET}, {@code JWT_SECRET_PREVIOUS} and the lifetimes of access tokens and refresh
 * sessions. Access tokens are short ({@code JWT_EXPIRES_IN}, 15 minutes): a refresh re-reads the
 * account's role and status. A refresh session slides ({@code JWT_REFRESH_EXPIRES_IN} from its last
 * use) but never outlives {@code JWT_SESSION_MAX_AGE} from its login.
 */
public class JwtSettings {
    /** HS256 needs a key of at least 256 bits; shorter secrets are refused in production. */
    public static final int MIN_SECRET_BYTES = Secrets.MIN_BYTES;

    @JsonProperty
    private String secret = "";

    /**
     * The secret before the last rotation: tokens it signed are still accepted until they expire,
     * nothing new is signed with it. Empty when no rotation is under way.
     */
    @JsonProperty
    private String previousSecret = "";

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration expiresIn = Duration.minutes(15);

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration refreshExpiresIn = Duration.days(30);

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration sessionMaxAge = Duration.days(90);

    /**
     * How long a refresh token that was just rotated may be presented again and get the same
     * successor (a client whose response was lost retries); 0 turns this off.
     */
    @JsonProperty
    @NotNull
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration refreshGrace = Duration.seconds(10);

    public String getSecret() {
        return secret == null ? "" : secret;
    }

    public byte[] secretBytes() {
        return getSecret().getBytes(StandardCharsets.UTF_8);
    }

    public String getPreviousSecret() {
        return previousSecret == null ? "" : previousSecret;
    }

    /** The previous secret's bytes, or empty when none is configured. */
    public Optional<byte[]> previousSecretBytes() {
        String previous = getPreviousSecret();
        return previous.isEmpty() ? Optional.empty() : Optional.of(previous.getBytes(StandardCharsets.UTF_8));
    }

    public Duration getExpiresIn() {
        return expiresIn;
    }

    public Duration getRefreshExpiresIn() {
        return refreshExpiresIn;
    }

    public Duration getSessionMaxAge() {
        return sessionMaxAge;
    }

    public Duration getRefreshGrace() {
        return refreshGrace;
    }
}
