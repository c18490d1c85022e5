package com.caddyshop.platform.admin;

import com.caddyshop.platform.config.StartupCheck;
import com.caddyshop.platform.net.AddressBlocks;
import com.caddyshop.platform.net.IpLiterals;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the admin port ({@code ADMIN_ALLOWED_NETWORKS}): its tasks (drain, cache-flush, ...)
 * take no credentials, so everyone else gets 403 before any servlet runs. This holds even where
 * the firewall is missing or wrong; production lists the node itself and the monitoring hosts.
 * The TCP peer is what counts: the admin port is reached directly, never through a proxy.
 */
public final class AdminAccessFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccessFilter.class);
    private static final byte[] REFUSED = "{\"code\":403,\"message\":\"The admin port is not open to this address\",\"details\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    private final AddressBlocks allowed;

    AdminAccessFilter(AddressBlocks allowed) {
        this.allowed = allowed;
    }

    public static void register(Environment environment, List<String> allowedNetworks) {
        AdminAccessFilter filter = new AdminAccessFilter(allowed(allowedNetworks));
        environment.admin().addFilter("admin-access", filter)
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    }

    /** Refuses, before any port opens, an entry {@link #register} could not parse. */
    public static StartupCheck startupCheck(List<String> allowedNetworks) {
        return StartupCheck.parses(() -> allowed(allowedNetworks));
    }

    private static AddressBlocks allowed(List<String> allowedNetworks) {
        return AddressBlocks.of(allowedNetworks, "ADMIN_ALLOWED_NETWORKS");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String peer = request.getRemoteAddr();
        if (IpLiterals.parse(peer).filter(allowed::contains).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("admin port: refused {}", peer);
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(HttpServletResponse.SC_FORBIDDEN);
        http.setContentType("application/json");
        http.setContentLength(REFUSED.length);
        http.getOutputStream().write(REFUSED);
    }
}
