package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
}
