package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.config.StartupCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code TRUSTED_PROXIES}: an entry that is no address is refused everywhere (it would put every client
 * behind that proxy into one bucket); production also refuses an empty list, more often a forgotten
 * setting than a decision ({@code none} says "no proxy" on purpose).
 */
public record TrustedProxiesCheck(List<String> trustedProxies) implements StartupCheck {
    @Override
    public List<String> problems(boolean production) {
        List<String> problems = new ArrayList<>(StartupCheck.parses(() -> TrustedProxies.of(trustedProxies))
                .problems(production));
        if (production && trustedProxies.isEmpty()) {
            problems.add("TRUSTED_PROXIES is empty: list the load balancers whose X-Forwarded-For is believed, or set it"
                    + " to `none` when clients connect directly (otherwise every client would share the proxy's budgets)");
        }
        return problems;
    }
}
