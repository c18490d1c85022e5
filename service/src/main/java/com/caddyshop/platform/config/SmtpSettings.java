package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import java.util.concurrent.TimeUnit;

/** {@code SMTP_*}: optional outgoing mail; an empty host means mail is switched off. */
public class SmtpSettings {
    @JsonProperty
    private String host = "";

    @JsonProperty
    @Min(1)
    @Max(65535)
    private int port = 587;

    @JsonProperty
    private String user = "";

    @JsonProperty
    private String password = "";

    @JsonProperty
    private String from = "no-reply@localhost";

    /**
     * {@code SMTP_TRANSPORT}: {@code starttls} (port 587, TLS required), {@code smtps} (TLS from the
     * first byte, port 465) or {@code plain} (only for a catcher on the same machine).
     */
    @JsonProperty
    @NotNull
    @Pattern(regexp = "starttls|smtps|plain")
    private String transport = "starttls";

    /**
     * {@code SMTP_CA_FILE}: a PEM file of the certificate authorities to trust for the SMTP server's
     * certificate (a relay with a private CA), instead of the JVM's default trust store; empty for the
     * default. Only with {@code starttls} or {@code smtps}; read at start ({@code SmtpCheck} refuses a file
     * without a certificate). The server's name is checked against its certificate either way.
     */
    @JsonProperty
    private String trustedCaFile = "";

    /** Connect, read and write timeout of one delivery: a hanging server must not hold the sender. */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 2, unit = TimeUnit.MINUTES)
    private Duration timeout = Duration.seconds(20);

    /**
     * SMTP AUTH needs both; a password alone used to get as far as the mail library, which threw
     * while the server started. As a validation {@code check} refuses it too, naming the variables.
     */
    @ValidationMethod(message = "SMTP_PASS is set but SMTP_USER is empty: SMTP login needs both (or neither)")
    @JsonIgnore
    public boolean isPasswordWithUser() {
        return password == null || password.isBlank() || (user != null && !user.isBlank());
    }

    public boolean isEnabled() {
        return host != null && !host.isBlank();
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getUser() {
        return user;
    }

    public String getPassword() {
        return password;
    }

    public String getFrom() {
        return from;
    }

    public String getTransport() {
        return transport;
    }

    public String getTrustedCaFile() {
        return trustedCaFile;
    }

    public boolean hasTrustedCaFile() {
        return trustedCaFile != null && !trustedCaFile.isBlank();
    }

    public Duration getTimeout() {
        return timeout;
    }
}
