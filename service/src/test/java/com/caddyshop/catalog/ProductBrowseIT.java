package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.catalog.CatalogHttp.Reply;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Browsing through HTTP: categories, paging, sorting, filtering, search with LIKE wildcards, errors. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ProductBrowseIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("catalog_browse").extension();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static CatalogHttp http;
    static long percent;
    static long underscore;
    static long backslash;
    static long plain;
    static long deleted;

    @BeforeAll
    static void seed() {
        http = new CatalogHttp(APP);
        CatalogTestData data = new CatalogTestData(APP);
        long shoes = data.category("shoes", "Shoes", 2);
        long balls = data.category("balls", "Golf balls", 1);
        // Equal prices and equal creation times on purpose: the order must still be total.
        for (int i = 1; i <= 7; i++) {
            data.product(balls, "BALL-" + i, "Ball " + i, i % 2 == 0 ? "10.00" : "20.00", 5, T0.plusSeconds(i % 3));
        }
        percent = data.product(shoes, "SHOE-PCT", "100% Leather Shoe", "99.90", 3, T0.plusSeconds(10));
        underscore = data.product(shoes, "SHOE-UND", "Spike_Shoe", "89.90", 3, T0.plusSeconds(11));
        backslash = data.product(shoes, "SHOE-BSL", "Back\\slash Shoe", "79.90", 3, T0.plusSeconds(12));
        plain = data.product(shoes, "SHOE-100", "100 Suede SHOE", "69.90", 3, T0.plusSeconds(13));
        deleted = data.product(shoes, "SHOE-OLD", "Retired shoe", "59.90", 3, T0.plusSeconds(14));
        data.jdbi().useHandle(h -> h.execute("UPDATE products SET active = 0 WHERE id = ?", deleted));
    }


    @Test
    void categoriesAreListedInTheirOrder() {
        Reply reply = http.get("/api/categories");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("items").findValuesAsText("slug")).containsExactly("balls", "shoes");
    }

    @Test
    void defaultListHasPagingFieldsAndOnlyActiveProducts() {
        Reply reply = http.get("/api/products");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("size").asInt()).isEqualTo(20);
        assertThat(body.get("total").asLong()).isEqualTo(11);
        assertThat(reply.productIds()).hasSize(11).doesNotContain(deleted);
        assertThat(body.at("/links/self").asText()).isEqualTo("/api/products?page=1&size=20&sort=newest");
        assertThat(body.at("/links/first").asText()).isEqualTo("/api/products?page=1&size=20&sort=newest");
        assertThat(body.at("/links/next").isNull()).isTrue();
        assertThat(body.at("/links/prev").isNull()).isTrue();
        JsonNode first = body.get("items").get(0);
        assertThat(first.get("id").asLong()).isEqualTo(plain);
        assertThat(first.get("price").decimalValue()).isEqualByComparingTo("69.90");
        assertThat(reply.raw().body()).as("money keeps its two decimals on the wire").contains("\"price\":69.90");
        assertThat(first.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:13Z");
        assertThat(first.get("categorySlug").asText()).isEqualTo("shoes");
    }

    @Test
    void followingNextLinksVisitsEveryProductOnceInAStableOrder() {
        for (String sort : new String[] {"price", "-price", "newest", "name"}) {
            List<Long> all = http.get("/api/products?size=100&sort=" + sort).productIds();
            List<Long> walked = new ArrayList<>();
            String link = "/api/products?size=3&sort=" + sort;
            int pages = 0;
            while (link != null) {
                Reply page = http.get(link);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body().get("total").asLong()).as(sort).isEqualTo(11);
                walked.addAll(page.productIds());
                JsonNode next = page.body().at("/links/next");
                link = next.isNull() ? null : next.asText();
                pages++;
            }
            assertThat(pages).as(sort).isEqualTo(4);
            assertThat(walked).as(sort).containsExactlyElementsOf(all).doesNotHaveDuplicates();
        }
    }

    @Test
    void cursorPagesContinueRightAfterTheNamedProductInEverySortAndFilter() {
        for (String sort : new String[] {"price", "-price", "newest", "name"}) {
            for (String filter : new String[] {"", "&category=balls"}) {
                List<Long> all = http.get("/api/products?size=100&sort=" + sort + filter).productIds();
                List<Long> walked = new ArrayList<>(http.get("/api/products?size=2&sort=" + sort + filter).productIds());
                while (walked.size() < all.size()) {
                    long last = walked.get(walked.size() - 1);
                    // A cursor page numbered deeper than page numbers go: the number only labels its links.
                    Reply page = http.get("/api/products?size=2&page=" + (ProductQuery.MAX_PAGE + 5) + "&after=" + last
                            + "&sort=" + sort + filter);
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.body().get("total").asLong()).as("the whole list's total").isEqualTo(all.size());
                    List<Long> more = page.productIds();
                    assertThat(more).as(sort + filter + " after " + last).isNotEmpty();
                    walked.addAll(more);
                    JsonNode next = page.body().at("/links/next");
                    if (walked.size() < all.size()) {
                        assertThat(next.asText()).as("a cursor page links on by cursor")
                                .endsWith("&after=" + more.get(more.size() - 1));
                    }
                    assertThat(page.body().at("/links/prev").isNull()).as("no way back by cursor").isTrue();
                }
                assertThat(walked).as(sort + filter).containsExactlyElementsOf(all);
            }
        }
    }

    @Test
    void pageNumbersStopAtTheLimitAndCursorsAreChecked() {
        Reply deep = http.get("/api/products?page=" + (ProductQuery.MAX_PAGE + 1));
        assertThat(deep.status()).isEqualTo(422);
        assertThat(deep.body().at("/details/0/message").asText()).contains("after");
        Reply unknown = http.get("/api/products?after=999999999");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("details").findValuesAsText("field")).containsExactly("after");
        assertThat(http.get("/api/products?after=abc").status()).isEqualTo(422);
        assertThat(http.get("/api/products?after=" + plain + "&q=shoe").status()).as("a search pages by number").isEqualTo(422);
        Reply atTheLimit = http.get("/api/products?size=1&page=" + ProductQuery.MAX_PAGE);
        assertThat(atTheLimit.status()).isEqualTo(200);
    }

    @Test
    void aCursorAtARetiredProductOrAtTheLastOneIsNoError() {
        // Retired between two pages: the list goes on after its place (59.90) in the order.
        Reply afterRetired = http.get("/api/products?sort=price&size=100&after=" + deleted);
        assertThat(afterRetired.status()).isEqualTo(200);
        assertThat(afterRetired.productIds()).containsExactly(plain, backslash, underscore, percent);
        Reply pastTheEnd = http.get("/api/products?sort=price&after=" + percent);
        assertThat(pastTheEnd.status()).as("the end of the list, not an unknown cursor").isEqualTo(200);
        assertThat(pastTheEnd.productIds()).isEmpty();
        assertThat(pastTheEnd.body().at("/links/next").isNull()).isTrue();
    }

    @Test
    void searchFindsTextAnywhereInTheNameThroughTheIndex() {
        assertThat(http.get("/api/products?q=oe").productIds()).as("the last two characters of a name")
                .contains(plain, percent, underscore, backslash).doesNotContain(deleted);
        assertThat(http.get("/api/products?q=all%203").productIds()).as("across a space, mid-word").isNotEmpty()
                .allSatisfy(id -> assertThat(http.get("/api/products/" + id).body().get("name").asText()).contains("all 3"));
        assertThat(http.get("/api/products?q=ather%20sh").productIds()).containsExactly(percent);
        assertThat(http.get("/api/products?q=shoe%20x").productIds()).isEmpty();
    }

    @Test
    void sortsAreOrderedWithIdAsTieBreaker() {
        List<JsonNode> byPrice = items(http.get("/api/products?size=100&sort=price"));
        for (int i = 1; i < byPrice.size(); i++) {
            JsonNode a = byPrice.get(i - 1);
            JsonNode b = byPrice.get(i);
            int cmp = a.get("price").decimalValue().compareTo(b.get("price").decimalValue());
            assertThat(cmp < 0 || cmp == 0 && a.get("id").asLong() < b.get("id").asLong()).isTrue();
        }
        List<JsonNode> byPriceDesc = items(http.get("/api/products?size=100&sort=-price"));
        assertThat(byPriceDesc.get(0).get("id").asLong()).isEqualTo(percent);
        List<Long> reversed = new ArrayList<>(byPrice.stream().map(n -> n.get("id").asLong()).toList());
        java.util.Collections.reverse(reversed);
        assertThat(byPriceDesc.stream().map(n -> n.get("id").asLong()).toList()).containsExactlyElementsOf(reversed);
        List<String> names = items(http.get("/api/products?size=100&sort=name")).stream().map(n -> n.get("name").asText()).toList();
        assertThat(names).first().isEqualTo("100 Suede SHOE");
        assertThat(http.get("/api/products?size=2&sort=newest").productIds()).containsExactly(plain, backslash);
    }

    @Test
    void pageLinksCarryTheFilters() {
        Reply reply = http.get("/api/products?size=2&page=2&category=balls&q=ball&sort=price");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("total").asLong()).isEqualTo(7);
        assertThat(reply.body().at("/links/self").asText()).isEqualTo("/api/products?page=2&size=2&category=balls&q=ball&sort=price");
        assertThat(reply.body().at("/links/next").asText()).isEqualTo("/api/products?page=3&size=2&category=balls&q=ball&sort=price");
        assertThat(reply.body().at("/links/prev").asText()).isEqualTo("/api/products?page=1&size=2&category=balls&q=ball&sort=price");
    }

    @Test
    void categoryFilters() {
        assertThat(http.get("/api/products?category=shoes&sort=price").productIds()).containsExactly(plain, backslash, underscore, percent);
        Reply unknown = http.get("/api/products?category=no-such-category");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().get("total").asLong()).isZero();
    }

    @Test
    void searchMatchesWildcardsLiterally() {
        assertThat(http.get("/api/products?q=100%25").productIds()).containsExactly(percent);
        assertThat(http.get("/api/products?q=100").productIds()).containsExactlyInAnyOrder(percent, plain);
        assertThat(http.get("/api/products?q=e_").productIds()).containsExactly(underscore);
        assertThat(http.get("/api/products?q=0%25").productIds()).containsExactly(percent);
        assertThat(http.get("/api/products?q=k%5C").productIds()).containsExactly(backslash);
        assertThat(http.get("/api/products?q=!!").productIds()).isEmpty();
        assertThat(http.get("/api/products?q=suede%20shoe").productIds()).as("case-insensitive").containsExactly(plain);
        assertThat(http.get("/api/products?q=retired").productIds()).as("deleted products are not found").isEmpty();
    }

    @Test
    void invalidQueryParametersAre422WithTheirNames() {
        Reply tooBig = http.get("/api/products?size=101");
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.body().get("code").asInt()).isEqualTo(422);
        assertThat(tooBig.body().get("details").findValuesAsText("field")).containsExactly("size");
        Reply several = http.get("/api/products?page=0&size=abc&sort=cheapest");
        assertThat(several.status()).isEqualTo(422);
        assertThat(several.body().get("details").findValuesAsText("field")).containsExactlyInAnyOrder("page", "size", "sort");
        assertThat(http.get("/api/products?q=" + "x".repeat(101)).status()).isEqualTo(422);
        assertThat(http.get("/api/products?size=100").status()).isEqualTo(200);
        Reply oneLetter = http.get("/api/products?q=b");
        assertThat(oneLetter.status()).as("a search needs 2 characters").isEqualTo(422);
        assertThat(oneLetter.body().get("details").findValuesAsText("field")).containsExactly("q");
        assertThat(http.get("/api/products?q=%E7%90%83%E6%9D%86").status()).as("two CJK characters are a search").isEqualTo(200);
        Reply deepSearch = http.get("/api/products?q=ball&page=" + (ProductQuery.MAX_SEARCH_PAGE + 1));
        assertThat(deepSearch.status()).as("searching pages deeper than browsing allows").isEqualTo(422);
        assertThat(deepSearch.body().get("details").findValuesAsText("field")).containsExactly("page");
        assertThat(http.get("/api/products?page=" + (ProductQuery.MAX_SEARCH_PAGE + 1)).status()).as("browsing").isEqualTo(200);
    }

    @Test
    void aPageBeyondTheEndIsEmptyButKeepsTheTotal() {
        Reply reply = http.get("/api/products?page=50&size=5");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.productIds()).isEmpty();
        assertThat(reply.body().get("total").asLong()).isEqualTo(11);
        assertThat(reply.body().at("/links/next").isNull()).isTrue();
        assertThat(reply.body().at("/links/prev").asText()).isEqualTo("/api/products?page=3&size=5&sort=newest");
    }

    @Test
    void singleProductAndUnknownIds() {
        Reply found = http.get("/api/products/" + percent);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("sku").asText()).isEqualTo("SHOE-PCT");
        assertThat(found.body().has("imageUrl")).isTrue();
        for (String path : new String[] {"/api/products/987654321", "/api/products/" + deleted, "/api/products/abc"}) {
            Reply missing = http.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.body().get("code").asInt()).as(path).isEqualTo(404);
            assertThat(missing.body().get("message").asText()).as(path).isNotBlank();
        }
    }

    private static List<JsonNode> items(Reply reply) {
        return StreamSupport.stream(reply.body().get("items").spliterator(), false).toList();
    }
}
