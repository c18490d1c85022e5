package com.caddyshop.platform.ratelimit;

import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The attributes of one request, seen the same from a servlet filter and from a JAX-RS filter (under
 * Jersey's servlet container, request properties are the servlet request's attributes). What is
 * decided about a request in front of Jersey (its budget, its verified token) is thereby found again
 * inside Jersey without being worked out twice.
 */
public interface RequestAttributes {
    Object get(String name);

    void set(String name, Object value);

    static RequestAttributes of(ServletRequest request) {
        return new RequestAttributes() {
            @Override
            public Object get(String name) {
                return request.getAttribute(name);
            }

            @Override
            public void set(String name, Object value) {
                request.setAttribute(name, value);
            }
        };
    }

    static RequestAttributes of(ContainerRequestContext request) {
        return new RequestAttributes() {
            @Override
            public Object get(String name) {
                return request.getProperty(name);
            }

            @Override
            public void set(String name, Object value) {
                request.setProperty(name, value);
            }
        };
    }
}
