package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cache stores products as JSON: a round trip must give back exactly the same product. */
class ProductViewJsonTest {
    private final ObjectMapper json = Jackson.newObjectMapper();

    @Test
    void roundTripKeepsMoneyScaleAndTimes() throws Exception {
        ProductView product = new ProductView(42, "balls", "SKU-1", "Ball", null, new BigDecimal("10.50"), 3,
                "/uploads/x.png", Instant.parse("2026-11-25T10:15:30.123Z"), Instant.parse("2026-11-25T10:15:31Z"));
        String text = json.writeValueAsString(product);
        assertThat(text).contains("\"price\":10.50").contains("\"createdAt\":\"2026-11-25T10:15:30.123Z\"");
        ProductView back = json.readValue(text, ProductView.class);
        assertThat(back).isEqualTo(product);
        assertThat(back.price().scale()).isEqualTo(2);
    }
}
