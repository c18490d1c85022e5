package com.caddyshop.catalog;

/** Why a product's stock moved: each movement is one row of the inventory ledger. */
public enum StockMovementKind {
    /** The stock a product had when its ledger began: at creation, or when the ledger was introduced. */
    OPENING,
    /** An admin's correction (goods received, a count, breakage), with a reason. */
    ADJUSTMENT,
    /** Taken by a checkout (negative). */
    ORDER,
    /** Given back by a cancelled PENDING order. */
    CANCEL,
    /** Given back by a PENDING order whose hold ran out. */
    EXPIRY,
    /** Given back by a PAID order an admin cancelled and refunded. */
    REFUND
}
