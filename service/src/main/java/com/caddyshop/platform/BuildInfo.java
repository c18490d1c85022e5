package com.caddyshop.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build is: the version and the commit Maven stamped into the jar (resource filtering of
 * caddy-backend-version.properties). A value the build could not know (no Git checkout) reads "unknown".
 */
public record BuildInfo(String version, String commit, boolean dirty, String commitTime) {
    private static final String UNKNOWN = "unknown";
    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/caddy-backend-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return new BuildInfo(stamped(properties, "version"), stamped(properties, "commit"),
                    Boolean.parseBoolean(stamped(properties, "dirty")), stamped(properties, "commitTime"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // An unfiltered placeholder means the build had no value for it.
    private static String stamped(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        return value.isEmpty() || value.contains("${") ? UNKNOWN : value;
    }
}
