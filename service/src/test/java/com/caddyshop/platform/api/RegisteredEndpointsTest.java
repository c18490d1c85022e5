package com.caddyshop.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.api.RegisteredEndpoints.Endpoint;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** How the comparison reads resources: full templates, regex-free names, auth and bodies. */
class RegisteredEndpointsTest {
    @Path("/api/things/")
    public static class Things {
        @GET
        public String list(@QueryParam("page") String page) {
            return page;
        }

        @GET
        @Path("{id: [0-9]+}")
        public String get(@PathParam("id") long id) {
            return "";
        }

        @POST
        @RolesAllowed("ADMIN")
        public String create(@Auth AuthenticatedUser admin, @HeaderParam("X-Trace") String trace, @NotNull String body) {
            return body;
        }

        @DELETE
        @Path("/{id}/")
        public void delete(@Auth AuthenticatedUser user, @PathParam("id") long id) {
        }

        @GET
        @Path("maybe")
        public String maybe(@Auth Optional<AuthenticatedUser> user) {
            return "";
        }
    }

    @Path("/api/located")
    public static class WithLocator {
        @Path("sub")
        public Things sub() {
            return new Things();
        }
    }

    @Test
    void readsFullTemplatesMethodsAuthAndBodies() {
        Map<String, Endpoint> endpoints = RegisteredEndpoints.of(new ResourceConfig().register(new Things())).stream()
                .collect(Collectors.toMap(Endpoint::key, Function.identity()));

        assertThat(endpoints.keySet()).containsExactlyInAnyOrder("GET /api/things", "GET /api/things/{id}",
                "POST /api/things", "DELETE /api/things/{id}", "GET /api/things/maybe");
        Endpoint create = endpoints.get("POST /api/things");
        assertThat(create.roles()).isEqualTo(Set.of("ADMIN"));
        assertThat(create.requiresAuthentication()).isTrue();
        assertThat(create.parameterNames(HeaderParam.class)).containsExactly("X-Trace");
        assertThat(create.entity()).hasValueSatisfying(p -> assertThat(Endpoint.required(p)).isTrue());
        assertThat(endpoints.get("DELETE /api/things/{id}").requiresAuthentication()).isTrue();
        assertThat(endpoints.get("DELETE /api/things/{id}").entity()).isEmpty();
        assertThat(endpoints.get("GET /api/things").requiresAuthentication()).isFalse();
        assertThat(endpoints.get("GET /api/things").parameterNames(QueryParam.class)).containsExactly("page");
        assertThat(endpoints.get("GET /api/things/maybe").requiresAuthentication()).as("optional @Auth").isFalse();
    }

    @Test
    void refusesWhatItCannotEnumerate() {
        assertThatThrownBy(() -> RegisteredEndpoints.of(new ResourceConfig(WithLocator.class)))
                .hasMessageContaining("sub-resource locator at /api/located/sub");
    }
}
