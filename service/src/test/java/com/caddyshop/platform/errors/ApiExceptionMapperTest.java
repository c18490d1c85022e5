package com.caddyshop.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Domain failures become the one error shape; a busy service also says when to come back. */
class ApiExceptionMapperTest {
    final ApiExceptionMapper mapper = new ApiExceptionMapper();

    @Test
    void busyCarriesRetryAfter() {
        Response response = mapper.toResponse(ApiException.busy("The service is busy; retry shortly", 7));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(response.getEntity()).isInstanceOfSatisfying(ApiError.class,
                error -> assertThat(error.message()).isEqualTo("The service is busy; retry shortly"));
    }

    @Test
    void otherFailuresHaveNoRetryAfter() {
        Response response = mapper.toResponse(ApiException.notFound("Product 1 not found"));
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
    }

    @Test
    void aRetryAfterBelowOneSecondIsAProgrammingError() {
        assertThatThrownBy(() -> ApiException.busy("busy", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
