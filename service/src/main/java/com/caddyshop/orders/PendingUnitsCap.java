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
 *
 * <p>That wait does not depend on gap locks, so it holds at checkout's READ COMMITTED too: a checkout
 * goes on only with a non-empty cart, whose rows it keeps locked (deleted, but not yet committed)
 * until it commits, and the second checkout's locking read of the same account's cart meets those
 * rows and waits. Its count then reads the first's committed order. The locking read of the orders
 * alone would not serialise them at READ COMMITTED (two checkouts of an account without pending
 * orders lock nothing there), which is why the cart comes first.
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
