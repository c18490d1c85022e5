package com.caddyshop.platform.ratelimit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Resolves the client address of every request once, in front of Jersey, and leaves it in a
 * request attribute: JAX-RS filters read it as a request property, which costs a map lookup,
 * whereas the servlet request they could inject is a request-scoped proxy that pays a scope
 * lookup on every call.
 */
public final class ClientAddressFilter implements Filter {
    private final ClientAddresses addresses;

    public ClientAddressFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            request.setAttribute(ClientAddresses.ATTRIBUTE, addresses.of(http));
        }
        chain.doFilter(request, response);
    }
}
