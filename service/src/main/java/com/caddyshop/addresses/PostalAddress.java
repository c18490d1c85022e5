package com.caddyshop.addresses;

import com.caddyshop.accounts.validation.CountryCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jdbi.v3.core.mapper.PropagateNull;

/**
 * Where a parcel goes and whom the courier calls: an address-book entry, and the copy an order keeps
 * (an order's address never changes when the book does). The country is an ISO 3166-1 alpha-2 code;
 * region and postal code are optional because many countries have none. Read from rows without a country
 * (orders placed before addresses existed), it is absent rather than empty.
 */
@PropagateNull("country")
public record PostalAddress(
        @NotBlank @Size(max = 100) String name,
        @Pattern(regexp = "\\+?[0-9][0-9 ()\\-]{4,30}", message = "must be a phone number of digits, spaces, dashes and brackets")
        String phone,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @Size(max = 100) String region,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 \\-]{1,19}", message = "must be 2 to 20 letters, digits, spaces or dashes")
        String postalCode,
        @NotNull @CountryCode String country) {

    public PostalAddress {
        name = clean(name);
        phone = clean(phone);
        line1 = clean(line1);
        line2 = clean(line2);
        city = clean(city);
        region = clean(region);
        postalCode = clean(postalCode);
    }

    /** The lines a label (and a mail) shows, empty parts left out. */
    public String label() {
        StringBuilder out = new StringBuilder(name).append('\n').append(line1);
        if (line2 != null) {
            out.append('\n').append(line2);
        }
        out.append('\n');
        if (postalCode != null) {
            out.append(postalCode).append(' ');
        }
        out.append(city);
        if (region != null) {
            out.append(", ").append(region);
        }
        out.append('\n').append(country);
        if (phone != null) {
            out.append('\n').append(phone);
        }
        return out.toString();
    }

    /** Blank text is stored as absent. */
    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
