package com.caddyshop.platform.redis;

import com.caddyshop.platform.config.CommaList;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code REDIS_HOST}/{@code REDIS_PORT} for a single node, or {@code REDIS_SENTINELS} plus
 * {@code REDIS_MASTER_NAME} for a Sentinel-managed master. Timeouts are short on purpose: a dead
 * Redis must cost a request milliseconds, because the service keeps answering without it.
 */
public class RedisSettings {
    @JsonProperty
    @NotBlank
    private String host = "127.0.0.1";

    @JsonProperty
    @Min(1)
    @Max(65535)
    private int port = 6379;

    /** An ACL user of the Redis nodes; empty means the default user (password only). */
    @JsonProperty
    private String username = "";

    @JsonProperty
    private String password = "";

    /** Sentinels have their own password in some set-ups; empty means none. */
    @JsonProperty
    private String sentinelPassword = "";

    @JsonProperty
    @Min(1)
    @Max(10000)
    private int poolSize = 100;

    @JsonProperty
    @NotNull
    private List<String> sentinels = new ArrayList<>();

    @JsonProperty
    @NotBlank
    private String masterName = "caddy-master";

    @JsonProperty
    @NotNull
    private Duration connectTimeout = Duration.milliseconds(250);

    @JsonProperty
    @NotNull
    private Duration socketTimeout = Duration.milliseconds(500);

    /** Longest wait for a free pooled connection before the call fails. */
    @JsonProperty
    @NotNull
    private Duration poolMaxWait = Duration.milliseconds(200);

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getUsername() {
        return username == null ? "" : username;
    }

    public String getPassword() {
        return password == null ? "" : password;
    }

    public String getSentinelPassword() {
        return sentinelPassword == null ? "" : sentinelPassword;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public List<String> getSentinels() {
        return sentinels;
    }

    /** Accepts a YAML list or the comma-separated {@code REDIS_SENTINELS} string. */
    @JsonProperty("sentinels")
    public void setSentinels(Object sentinels) {
        this.sentinels = CommaList.parse(sentinels);
    }

    public boolean usesSentinel() {
        return !sentinels.isEmpty();
    }

    public String getMasterName() {
        return masterName;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getSocketTimeout() {
        return socketTimeout;
    }

    public Duration getPoolMaxWait() {
        return poolMaxWait;
    }
}
