package com.caddyshop.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Request fingerprints (what counts as "the same body") and paging parameters. */
class OrderRequestsTest {

    @Test
    void equivalentBodiesHaveOneFingerprintAndUsersAndAmountsSeparateThem() {
        String twenty = RequestFingerprint.of(7, new CheckoutRequest(new BigDecimal("20.00"), null, 1L));
        assertThat(RequestFingerprint.of(7, new CheckoutRequest(new BigDecimal("20"), null, 1L))).isEqualTo(twenty);
        assertThat(RequestFingerprint.of(7, new CheckoutRequest(new BigDecimal("2E+1"), null, 1L))).isEqualTo(twenty);
        assertThat(RequestFingerprint.of(7, new CheckoutRequest(new BigDecimal("20.01"), null, 1L))).isNotEqualTo(twenty);
        assertThat(RequestFingerprint.of(8, new CheckoutRequest(new BigDecimal("20.00"), null, 1L))).isNotEqualTo(twenty);
        assertThat(RequestFingerprint.of(7, CheckoutRequest.EMPTY)).isNotEqualTo(twenty).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void pagingDefaultsAndBounds() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(1, 20));
        assertThat(Paging.of("3", "100").offset()).isEqualTo(200);
        assertThatThrownBy(() -> Paging.of("0", "101")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.details()).extracting(d -> ((FieldProblem) d).field()).containsExactly("page", "size");
        });
        assertThatThrownBy(() -> Paging.of("x", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Paging.of(null, "99999999999")).isInstanceOf(ApiException.class);
    }
}
