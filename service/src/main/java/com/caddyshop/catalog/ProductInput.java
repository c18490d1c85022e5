package com.caddyshop.catalog;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an admin sends to create or replace a product. The price is read as a decimal, never a
 * double, and may have at most two decimals (the column is DECIMAL(12,2)); it is stored with scale 2.
 * {@code stock} is the initial stock of a new product (default 0, the ledger's opening balance); a
 * replacement refuses it, as stock then moves only through stock adjustments.
 */
public record ProductInput(
        @NotBlank @Size(max = 100) String categorySlug,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit") String sku,
        @NotBlank @Size(min = 1, max = 200) String name,
        @Size(max = 10_000) String description,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Min(0) @Max(Inventory.MAX_STOCK) Integer stock) {

    /** The price as stored: exactly two decimals (validation already refused more). */
    public BigDecimal storedPrice() {
        return price.setScale(2, RoundingMode.UNNECESSARY);
    }
}
