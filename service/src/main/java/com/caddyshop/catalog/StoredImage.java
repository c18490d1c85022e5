package com.caddyshop.catalog;

/** An image in the store: its generated name, the type sniffed from its bytes, its size and chunk count. */
public record StoredImage(String name, String contentType, long size, int chunks) {
}
