package com.caddyshop.catalog;

import com.caddyshop.platform.ratelimit.ApiBudget;
import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.platform.ratelimit.RateLimitHeaders;
import com.caddyshop.platform.ratelimit.RequestAttributes;
import com.caddyshop.platform.readalong.ReadAlong;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers {@code GET /api/products/{id}} in front of Jersey when the product is cached (in this
 * node's near cache, or in Redis): the shop's hottest read then costs at most one Redis round trip
 * (the budget's, which brings the cached JSON along, or the read of the entry when the budget was
 * counted from units this node holds) and a copy of those bytes, and none of Jersey's routing,
 * filters and writers, which JFR showed as the largest share of such a request. The answer is the
 * one {@link ProductResource} gives: same status, body, content type and rate-limit headers. Everything else (a miss, a cached
 * 404, a 429, an Accept that JSON does not satisfy, an unusual path) goes on to Jersey, already
 * counted, so it is neither counted nor read twice.
 */
final class CachedProductFilter implements Filter {
    private static final String JSON = "application/json";

    private final ProductCache cache;
    private final ApiBudget budget;

    CachedProductFilter(ProductCache cache, ApiBudget budget) {
        this.cache = cache;
        this.budget = budget;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out
                && answered(http, out)) {
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return false;
        }
        Long id = ProductPaths.productId(pathOf(request));
        if (id == null) {
            return false;
        }
        RequestAttributes attributes = RequestAttributes.of(request);
        Optional<ProductCache.CountedProduct> counted = cache.countAndRead(id, readAlong -> budget.count(attributes,
                request.getHeader(HttpHeaders.AUTHORIZATION), ClientAddresses.resolvedFor(request), readAlong));
        if (counted.isEmpty()) {
            return false;
        }
        Optional<String> json = counted.get().json();
        if (json.isEmpty()) {
            // Jersey answers: the entry read for this request goes with it, so it is not read twice.
            attributes.set(ReadAlong.PROPERTY, counted.get().fetches());
            return false;
        }
        byte[] body = json.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(JSON);
        RateLimitHeaders.set(response, counted.get().decision());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return true;
    }

    /** The path below the context, as sent: an encoded one does not match and is left to Jersey. */
    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() ? uri : uri.substring(context.length());
    }

    /**
     * Whether JSON satisfies the Accept header: absent, or naming JSON or a wildcard that covers it.
     * Anything subtler (q=0, other types only) is left to Jersey's negotiation.
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim();
            if (parts.length > 1) {
                return false;
            }
            if (type.equals(JSON) || type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
        }
        return false;
    }
}
