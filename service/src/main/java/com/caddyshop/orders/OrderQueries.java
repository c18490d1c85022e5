package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import java.util.List;
import com.caddyshop.platform.errors.FieldProblem;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads orders: a customer's own, or (for admins) any. Each read is one consistent snapshot. */
public final class OrderQueries {
    private final Jdbi jdbi;

    OrderQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public OrderView mine(long userId, long orderId) {
        return jdbi.inTransaction(h -> {
            OrderDao dao = h.attach(OrderDao.class);
            OrderRow order = dao.findOwned(orderId, userId).orElseThrow(() -> notFound(orderId));
            return OrderView.of(order, dao.items(orderId));
        });
    }

    /** Any order, as an admin sees it: with its refunds. */
    public OrderView any(long orderId) {
        return jdbi.inTransaction(h -> {
            OrderDao dao = h.attach(OrderDao.class);
            OrderRow order = dao.find(orderId).orElseThrow(() -> notFound(orderId));
            return OrderView.of(order, dao.items(orderId)).withRefunds(h.attach(OrderRefundDao.class).list(orderId));
        });
    }

    public OrderPage mine(long userId, Paging paging) {
        return jdbi.inTransaction(h -> {
            OrderDao dao = h.attach(OrderDao.class);
            return page(dao.pageOfUser(userId, paging.size(), paging.offset()), paging, dao.countOfUser(userId));
        });
    }

    /**
     * The admin search: one keyset page; an {@code after} that names no order is a 422. An e-mail address is
     * first resolved to its user (users' unique e-mail index); no such user, or another than {@code customer},
     * finds no orders.
     */
    AdminOrderPage search(OrderSearch query) {
        return jdbi.inTransaction(h -> {
            OrderSearch search = query;
            if (query.email() != null) {
                Optional<Long> user = h.createQuery("SELECT id FROM users WHERE email = :email")
                        .bind("email", query.email()).mapTo(Long.class).findOne();
                if (user.isEmpty() || (query.customer() != null && !query.customer().equals(user.get()))) {
                    return new AdminOrderPage(List.of(), null);
                }
                search = query.forCustomer(user.get());
            }
            OrderDao dao = h.attach(OrderDao.class);
            LocalDateTime beforeTime = null;
            if (search.after() != null) {
                beforeTime = dao.createdAt(search.after()).orElseThrow(() -> ApiException.unprocessable(
                        "Invalid query parameters", List.of(new FieldProblem("after", "names no order"))));
            }
            List<OrderRow> rows = dao.search(search.where(), search.customer(), search.status(), search.from(),
                    search.to(), beforeTime, search.after(), search.limit());
            String next = rows.size() < search.limit() ? null : Long.toString(rows.get(rows.size() - 1).id());
            return new AdminOrderPage(rows.stream().map(OrderSummary::of).toList(), next);
        });
    }

    private static OrderPage page(List<OrderRow> rows, Paging paging, long total) {
        return new OrderPage(rows.stream().map(OrderSummary::of).toList(), paging.page(), paging.size(), total);
    }

    static ApiException notFound(long orderId) {
        return ApiException.notFound("Order " + orderId + " not found");
    }
}
