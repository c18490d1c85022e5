package com.caddyshop.platform.config;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.platform.net.AddressBlocks;
import com.caddyshop.platform.ratelimit.TrustedProxies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the server refuses at start-up that the YAML's own constraints cannot express: values
 * the features would reject in any environment, then {@link ProductionReadiness}'s rules.
 */
public final class StartupChecks {
    private StartupChecks() {
    }

    public static List<String> problems(CaddyShopConfiguration config) {
        List<String> problems = new ArrayList<>();
        if (config.getTrustedProxies() != null) {
            parseProblem(() -> TrustedProxies.of(config.getTrustedProxies()), problems);
        }
        if (config.getAdminAllowedNetworks() != null) {
            parseProblem(() -> AddressBlocks.of(config.getAdminAllowedNetworks(), "ADMIN_ALLOWED_NETWORKS"), problems);
        }
        // Production names these with its stronger rules (ProductionReadiness); elsewhere the token
        // signer still refuses a key HS256 cannot use.
        if (!config.isProduction() && config.getJwt() != null) {
            shortSecret("JWT_SECRET", config.getJwt().getSecret(), problems);
            String previous = config.getJwt().getPreviousSecret();
            if (previous != null && !previous.isEmpty()) {
                shortSecret("JWT_SECRET_PREVIOUS", previous, problems);
            }
        }
        // A missing section is already a violation of its own (@NotNull); the rules below need them all.
        if (config.getJwt() != null && config.getDatabase() != null && config.getRedis() != null
                && config.getAccounts() != null && config.getSmtp() != null && config.getPayments() != null) {
            problems.addAll(ProductionReadiness.problems(config));
        }
        return problems;
    }

    private static void parseProblem(Runnable parse, List<String> problems) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void shortSecret(String name, String secret, List<String> problems) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
            problems.add(name + " must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
    }
}
