package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.platform.ratelimit.RateLimitHeaders;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisCommandCounts;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * Cached products answered in front of Jersey ({@link CachedProductFilter}): the answer is the one
 * Jersey gives, every request is counted exactly once (the X-RateLimit-Remaining figures step by one),
 * and whatever the filter does not answer (cached 404, 429, other Accept, HEAD, an encoded path)
 * comes out of Jersey as before.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class CachedProductFilterIT {
    static final int LIMIT = 20;
    /** Flushed before each test (budgets and cache), so this class has a Redis of its own. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("cached_product_filter")
            .redis(() -> REDIS.get().port())
            .set("throttler.limit", () -> String.valueOf(LIMIT))
            .set("throttler.ttlSeconds", () -> "300")
            .extension();
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private long product;
    private int sent;

    @BeforeEach
    void freshBudgetAndCache() {
        try (RedisClient redis = REDIS.get().client()) {
            redis.flushAll();
        }
        CatalogTestData data = new CatalogTestData(APP);
        long category = data.category("tees-" + System.nanoTime(), "Tees", 0);
        product = data.product(category, "TEE-" + System.nanoTime(), "Wooden tee", "3.50", 40, Instant.now());
        sent = 0;
    }

    @Test
    void aHitIsAnsweredAsJerseyAnswersTheMissInOneRedisCall() {
        HttpResponse<String> miss = send("GET", "/api/products/" + product, Map.of());
        assertThat(miss.statusCode()).isEqualTo(200);
        HttpResponse<String>[] hit = holder();
        Map<String, Long> commands;
        try (RedisClient redis = REDIS.get().client()) {
            commands = RedisCommandCounts.during(redis, () -> hit[0] = send("GET", "/api/products/" + product, Map.of()));
        }
        assertThat(commands).as("the budget's script (and what it calls), which brings the entry along, and nothing else")
                .containsOnly(Map.entry("evalsha", 1L), Map.entry("incrby", 1L), Map.entry("pttl", 1L), Map.entry("get", 1L));
        assertThat(hit[0].statusCode()).isEqualTo(200);
        assertThat(hit[0].body()).isEqualTo(miss.body());
        assertThat(json(hit[0]).get("id").asLong()).isEqualTo(product);
        assertThat(headerNames(hit[0])).isEqualTo(headerNames(miss));
        for (String header : new String[] {"content-type", RateLimitHeaders.LIMIT}) {
            assertThat(hit[0].headers().firstValue(header)).as(header).isEqualTo(miss.headers().firstValue(header));
        }
        assertCountedOnceEach(miss, hit[0]);
        assertThat(remaining(hit[0])).isEqualTo(LIMIT - 2);
    }

    @Test
    void whatTheFilterDoesNotAnswerJerseyDoesCountedOnce() {
        String path = "/api/products/" + product;
        HttpResponse<String> first = send("GET", path, Map.of());
        HttpResponse<String> acceptingAnyJson = send("GET", path, Map.of("Accept", "text/html, application/json"));
        HttpResponse<String> html = send("GET", path, Map.of("Accept", "text/html"));
        HttpResponse<String> weighted = send("GET", path, Map.of("Accept", "application/json;q=0.9"));
        HttpResponse<String> head = send("HEAD", path, Map.of());
        HttpResponse<String> encoded = send("GET", "/api/products/%3" + Long.toString(product).substring(0, 1)
                + Long.toString(product).substring(1), Map.of());
        long unknown = product + 1_000_000;
        HttpResponse<String> notFound = send("GET", "/api/products/" + unknown, Map.of());
        HttpResponse<String> cachedNotFound = send("GET", "/api/products/" + unknown, Map.of());

        assertThat(acceptingAnyJson.statusCode()).isEqualTo(200);
        assertThat(acceptingAnyJson.body()).isEqualTo(first.body());
        assertThat(html.statusCode()).as("Jersey's negotiation, as before").isEqualTo(406);
        assertThat(json(html).get("code").asInt()).isEqualTo(406);
        assertThat(weighted.statusCode()).isEqualTo(200);
        assertThat(weighted.body()).isEqualTo(first.body());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).isEqualTo(first.body());
        for (HttpResponse<String> missing : java.util.List.of(notFound, cachedNotFound)) {
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json(missing).get("message").asText()).contains(Long.toString(unknown));
        }
        assertCountedOnceEach(first, acceptingAnyJson, html, weighted, head, encoded, notFound, cachedNotFound);
    }

    @Test
    void anExhaustedBudgetGetsJerseys429ForACachedProductToo() {
        String path = "/api/products/" + product;
        for (int i = 1; i <= LIMIT; i++) {
            HttpResponse<String> ok = send("GET", path, Map.of());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(remaining(ok)).isEqualTo(LIMIT - i);
        }
        long hits = APP.getEnvironment().metrics().counter("caddy.cache.hits").getCount();
        HttpResponse<String> refused = send("GET", path, Map.of());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(APP.getEnvironment().metrics().counter("caddy.cache.hits").getCount())
                .as("a refused request read no product, from the near cache either").isEqualTo(hits);
        assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json(refused).get("code").asInt()).isEqualTo(429);
        assertThat(json(refused).get("message").asText()).startsWith("Too many requests");
        assertThat(Long.parseLong(refused.headers().firstValue(RateLimitHeaders.RETRY_AFTER).orElseThrow())).isBetween(1L, 300L);
        assertThat(remaining(refused)).isZero();
    }

    @Test
    void acceptHeadersTheFilterAnswers() {
        assertThat(CachedProductFilter.acceptsJson(null)).isTrue();
        assertThat(CachedProductFilter.acceptsJson("")).isTrue();
        assertThat(CachedProductFilter.acceptsJson("*/*")).isTrue();
        assertThat(CachedProductFilter.acceptsJson("application/*")).isTrue();
        assertThat(CachedProductFilter.acceptsJson("text/html, application/json")).isTrue();
        assertThat(CachedProductFilter.acceptsJson("text/html")).isFalse();
        assertThat(CachedProductFilter.acceptsJson("application/json;q=0")).as("weights are Jersey's to judge").isFalse();
        assertThat(CachedProductFilter.acceptsJson("application/xml")).isFalse();
    }

    /** Each response's X-RateLimit-Remaining is one below the one before: one count per request. */
    @SafeVarargs
    private void assertCountedOnceEach(HttpResponse<String>... responses) {
        for (int i = 0; i < responses.length; i++) {
            assertThat(remaining(responses[i])).as("response %d of %d", i + 1, responses.length)
                    .isEqualTo(LIMIT - (sent - responses.length) - i - 1);
        }
    }

    private static long remaining(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue(RateLimitHeaders.REMAINING).orElseThrow());
    }

    /** Header names without the ones that differ by nature (Date). */
    private static Set<String> headerNames(HttpResponse<String> response) {
        Set<String> names = new TreeSet<>(response.headers().map().keySet());
        names.remove("date");
        return names;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<String>[] holder() {
        return new HttpResponse[1];
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            sent++;
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
