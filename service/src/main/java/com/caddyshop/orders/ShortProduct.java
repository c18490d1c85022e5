package com.caddyshop.orders;

/** Detail of a 409 checkout: a product the order could not be filled with, and how many were asked for. */
public record ShortProduct(long productId, int requested) {
}
