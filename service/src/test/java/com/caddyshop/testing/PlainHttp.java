package com.caddyshop.testing;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.TimeUnit;

/**
 * A JAX-RS client that sends each request exactly once. The extension's own client runs on Apache
 * HttpClient 5, whose default retry strategy waits out a {@code Retry-After} on 429 and 503 and
 * sends the request again: a test of rate limits would sleep for the whole window and then see
 * the retry's answer instead of the 429.
 */
public final class PlainHttp {
    public static final Client CLIENT = ClientBuilder.newBuilder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .build();

    private PlainHttp() {
    }
}
