package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Where a page of the ledger ended: the last row's time and id (keyset paging, so a page costs the
 * same however deep it is, and rows appended meanwhile never shift it). Opaque to clients.
 */
record LedgerCursor(Instant createdAt, long id) {
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    static LedgerCursor after(StockMovement last) {
        return new LedgerCursor(last.createdAt(), last.id());
    }

    String encode() {
        String plain = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code null} for no cursor (the first page); 422 for one this service did not write. */
    static LedgerCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            return new LedgerCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                    Long.parseLong(plain.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiException.unprocessable("Validation failed",
                    List.of(new FieldProblem("cursor", "is not a cursor from a previous page")));
        }
    }

    /** The time as the database compares it with a DATETIME(3) column. */
    String createdAtText() {
        return SQL_TIME.format(createdAt);
    }
}
