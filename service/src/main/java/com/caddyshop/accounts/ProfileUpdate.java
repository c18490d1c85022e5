package com.caddyshop.accounts;

import com.caddyshop.accounts.validation.CountryCode;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/users/me/profile}: the whole profile, replacing the stored one (an absent field
 * clears it). Phone numbers: digits with an optional leading +, spaces, dashes and brackets.
 */
public record ProfileUpdate(
        @Size(max = 100) String displayName,
        @Pattern(regexp = "\\+?[0-9][0-9 ()\\-]{4,30}", message = "must be a phone number of digits, spaces, dashes and brackets")
        String phone,
        @Size(max = 200) String addressLine1,
        @Size(max = 200) String addressLine2,
        @Size(max = 100) String city,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 \\-]{1,19}", message = "must be 2 to 20 letters, digits, spaces or dashes")
        String postalCode,
        @CountryCode String country) {

    /** Blank text is stored as absent. */
    ProfileView toView() {
        return new ProfileView(clean(displayName), clean(phone), clean(addressLine1), clean(addressLine2), clean(city),
                clean(postalCode), clean(country));
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
