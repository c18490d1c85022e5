package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@code ORDER_MAX_PENDING_UNITS}: the units one account may hold in PENDING orders at once, so that a
 * script that checks out without paying cannot take the whole catalogue off sale. Checked inside the
 * checkout transaction after the cart is locked: two checkouts of one account wait for each other on
 * the cart's rows, and the count is a locking read, so the second sees the first's order and cannot
 * pass the cap with it.
 */
final class PendingUnitsCap {
    private final int maxUnits;

    PendingUnitsCap(int maxUnits) {
        this.maxUnits = maxUnits;
    }

    /** 409 when {@code units} more would take the account over the cap. One statement. */
    void check(Handle tx, long userId, int units) {
        int held = tx.attach(OrderPlacementDao.class).lockPendingItemCounts(userId).stream().mapToInt(Integer::intValue).sum();
        if ((long) held + units > maxUnits) {
            throw ApiException.conflict("Too many units in unpaid orders: pay or cancel a pending order first",
                    List.of(new PendingUnitsLimit(held, units, maxUnits)));
        }
    }
}
