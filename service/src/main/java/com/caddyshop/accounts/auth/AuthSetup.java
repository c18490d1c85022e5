package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.errors.ErrorResponses;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** Registers bearer-token authentication, {@code @RolesAllowed} and {@code @Auth AuthenticatedUser}. */
public final class AuthSetup {
    static final String REALM = "caddy-shop";

    private AuthSetup() {
    }

    /** 401 in the one error shape, with the challenge header clients expect. */
    static final class JsonUnauthorizedHandler implements UnauthorizedHandler {
        @Override
        public Response buildResponse(String prefix, String realm) {
            return Response.fromResponse(ErrorResponses.of(401, "A valid bearer token is required"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                    .build();
        }
    }

    public static void register(Environment environment, BearerTokenAuthenticator authenticator) {
        BearerHeaderAuthFilter filter = new BearerHeaderAuthFilter.Builder()
                .setAuthenticator(authenticator)
                .setAuthorizer(new AdminRoutesFailClosed())
                .setPrefix(BearerHeaderAuthFilter.SCHEME)
                .setRealm(REALM)
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter();
        environment.jersey().register(new AuthDynamicFeature(filter));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(AuthenticatedUser.class));
    }
}
