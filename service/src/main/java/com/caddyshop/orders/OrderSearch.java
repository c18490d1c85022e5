package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The admin order search's parameters, checked together (each problem a 422 naming its parameter): the
 * customer (user id) or the customer's e-mail address (exact, any case; resolved to the user id by the caller), a status, a date range ({@code from} inclusive, {@code to} exclusive; a date is its
 * midnight UTC, an instant is taken as it is), the id of the last order of the previous page and a page size.
 * The WHERE clause is built from constant fragments only; values are bound.
 */
record OrderSearch(Long customer, String email, OrderStatus status, LocalDateTime from, LocalDateTime to, Long after,
                   int limit) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    /** The longest address RFC 5321 allows; the search is exact, so no pattern beyond one @. */
    private static final int MAX_EMAIL = 254;

    static OrderSearch parse(String customer, String email, String status, String from, String to, String after,
                             String limit) {
        List<FieldProblem> problems = new ArrayList<>();
        Long customerId = positive("customer", customer, problems);
        String address = null;
        if (email != null && !email.isEmpty()) {
            address = email.trim().toLowerCase(Locale.ROOT);
            int at = address.indexOf('@');
            if (address.length() > MAX_EMAIL || at < 1 || at != address.lastIndexOf('@') || at == address.length() - 1) {
                problems.add(new FieldProblem("email", "must be an e-mail address of at most " + MAX_EMAIL + " characters"));
            }
        }
        OrderStatus statusFilter = null;
        if (status != null && !status.isEmpty()) {
            statusFilter = OrderStatus.parse(status).orElse(null);
            if (statusFilter == null) {
                problems.add(new FieldProblem("status", "must be one of " + OrderStatus.allNames()));
            }
        }
        LocalDateTime fromTime = time("from", from, problems);
        LocalDateTime toTime = time("to", to, problems);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        Long afterId = positive("after", after, problems);
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isEmpty()) {
            Long parsed = positive("limit", limit, problems);
            if (parsed != null && parsed > MAX_LIMIT) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
            size = parsed == null ? DEFAULT_LIMIT : (int) Math.min(parsed, MAX_LIMIT);
        }
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("Invalid query parameters", problems);
        }
        return new OrderSearch(customerId, address, statusFilter, fromTime, toTime, afterId, size);
    }

    /** The search for one customer, the e-mail address resolved to its user's id. */
    OrderSearch forCustomer(long userId) {
        return new OrderSearch(userId, null, status, from, to, after, limit);
    }

    /** The conditions, as constant fragments; the cursor's time is read by the caller and bound as :beforeTime. */
    String where() {
        StringBuilder where = new StringBuilder("1 = 1");
        if (customer != null) {
            where.append(" AND user_id = :customer");
        }
        if (status != null) {
            where.append(" AND status = :status");
        }
        if (from != null) {
            where.append(" AND created_at >= :from");
        }
        if (to != null) {
            where.append(" AND created_at < :to");
        }
        if (after != null) {
            where.append(" AND (created_at < :beforeTime OR (created_at = :beforeTime AND id < :after))");
        }
        return where.toString();
    }

    private static Long positive(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(new FieldProblem(name, "must be a positive whole number"));
        return null;
    }

    private static LocalDateTime time(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay()
                    : LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "must be a date (2026-12-01) or an instant (2026-12-01T08:00:00Z)"));
            return null;
        }
    }
}
