package com.caddyshop.accounts;

import com.caddyshop.platform.config.StartupCheck;
import java.util.List;

/** {@code PASSWORD_HASH_COST}: production refuses a bcrypt cost below OWASP's floor (tests run with 4 elsewhere). */
public record PasswordHashCostCheck(AccountSettings accounts) implements StartupCheck {
    /** bcrypt cost 10 is OWASP's floor; 12 is the default. */
    static final int MIN_PRODUCTION_HASH_COST = 10;

    @Override
    public List<String> problems(boolean production) {
        if (production && accounts.getPasswordHashCost() < MIN_PRODUCTION_HASH_COST) {
            return List.of("PASSWORD_HASH_COST is below " + MIN_PRODUCTION_HASH_COST
                    + ": bcrypt that cheap barely slows down guessing from a stolen database");
        }
        return List.of();
    }
}
