package com.caddyshop.mail;

import com.caddyshop.platform.config.MailSettings;
import com.caddyshop.platform.config.StartupCheck;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * {@code SHOP_BASE_URL}: production refuses links in mail that only a developer's own browser could
 * follow (the development default, or any loopback host).
 */
public record LinkBaseUrlCheck(MailSettings mail) implements StartupCheck {
    /** What {@code service/config/production.yml} falls back to without SHOP_BASE_URL, and {@code make run} uses. */
    static final String DEVELOPMENT_SHOP_BASE_URL = "http://127.0.0.1:3000";

    @Override
    public List<String> problems(boolean production) {
        if (production && isLocalAddress(mail.getLinkBaseUrl())) {
            return List.of("SHOP_BASE_URL is missing or the development default (" + DEVELOPMENT_SHOP_BASE_URL
                    + "): the links in the shop's mail (password reset, e-mail verification, orders) would point at"
                    + " this machine; set the shop's public address, e.g. https://shop.example.com");
        }
        return List.of();
    }

    private static boolean isLocalAddress(String linkBaseUrl) {
        if (linkBaseUrl == null || linkBaseUrl.isBlank()) {
            return true;
        }
        String host;
        try {
            host = URI.create(linkBaseUrl.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return false; // malformed: the @Pattern on MailSettings reports it
        }
        if (host == null) {
            return true;
        }
        String bare = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return bare.equals("localhost") || bare.endsWith(".localhost") || bare.startsWith("127.") || bare.equals("::1")
                || bare.equals("0.0.0.0");
    }
}
