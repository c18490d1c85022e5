package com.caddyshop.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.PlainHttp;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ADMIN_ALLOWED_NETWORKS: the admin port answers only the listed addresses. The test client is
 * 127.0.0.1 and the list holds a documentation network only, so every admin request is refused,
 * and a refused drain task really did not run.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class AdminAccessIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("admin_access")
            .set("adminAllowedNetworks", () -> "192.0.2.0/24,2001:db8::/32").extension();

    private String admin(String path) {
        return "http://127.0.0.1:" + APP.getAdminPort() + path;
    }

    @Test
    void everyAdminPathIsRefusedToAnAddressOutsideTheList() {
        for (String path : new String[] {"/healthcheck", "/prometheus", "/ping", "/tasks/gc"}) {
            try (Response response = PlainHttp.CLIENT.target(admin(path)).request().get()) {
                assertThat(response.getStatus()).as(path).isEqualTo(403);
                assertThat(response.readEntity(String.class)).contains("\"code\":403");
            }
        }
    }

    @Test
    void aRefusedDrainDoesNotDrain() {
        try (Response response = PlainHttp.CLIENT.target(admin("/tasks/drain")).request().post(Entity.text(""))) {
            assertThat(response.getStatus()).isEqualTo(403);
        }
        try (Response health = PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + "/health").request().get()) {
            assertThat(health.getStatus()).as("/health after a refused drain").isEqualTo(200);
        }
    }
}
