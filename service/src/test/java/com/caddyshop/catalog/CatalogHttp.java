package com.caddyshop.catalog;

import com.caddyshop.CaddyShopConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plain HTTP against the test app, so tests control every byte (headers, multipart framing, sizes). */
final class CatalogHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DropwizardAppExtension<CaddyShopConfiguration> app;
    /**
     * HTTP/1.1, as nginx speaks to the service: the JDK client's default first offers an h2c upgrade on plain http.
     * Replaced after an error answer to a request with a body: the server may answer (401, 403, 413) before the body
     * has arrived and then close the connection without a {@code Connection: close}; the JDK client pools it anyway,
     * and the next request sent on it fails with "header parser received no bytes" (seen in ProductEditsIT, and in
     * ProductAdminIT and ProductImageIT under load).
     */
    private volatile HttpClient client = newClient();

    CatalogHttp(DropwizardAppExtension<CaddyShopConfiguration> app) {
        this.app = app;
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The ids of a product page's items, in order. */
        List<Long> productIds() {
            List<Long> ids = new ArrayList<>();
            body.get("items").forEach(item -> ids.add(item.get("id").asLong()));
            return ids;
        }
    }

    Reply get(String path) {
        return send(request(path, null).GET());
    }

    HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    Reply post(String path, String authorization, Object body) {
        return send(request(path, authorization).header("Content-Type", "application/json").POST(json(body)));
    }

    Reply postRaw(String path, String authorization, String body) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String authorization, Object body) {
        return send(request(path, authorization).header("Content-Type", "application/json").PUT(json(body)));
    }

    Reply put(String path, String authorization, Object body, String ifMatch) {
        return send(request(path, authorization).header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(json(body)));
    }

    /**
     * {@code PUT /api/products/{id}} as an admin client does it: the ETag from {@code GET /api/admin/products/{id}}
     * in If-Match, and the product's fields without stock (which moves through stock adjustments).
     */
    Reply replace(String productPath, String authorization, Map<String, Object> fields) {
        Reply current = get(productPath.replace("/api/products/", "/api/admin/products/"), authorization);
        String etag = current.status() == 200 ? current.header("ETag") : "\"0\"";
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.remove("stock");
        return put(productPath, authorization, body, etag);
    }

    Reply delete(String path, String authorization) {
        return send(request(path, authorization).DELETE());
    }

    /** A multipart/form-data upload with one part named {@code file}, built by hand. */
    Reply upload(String path, String authorization, String fileName, String contentType, byte[] content) {
        String boundary = "caddy-test-" + UUID.randomUUID();
        return uploadPublisher(path, authorization, boundary,
                HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, "file", fileName, contentType, content)));
    }

    /** Each upload on a connection of its own, which the server may close early (see {@link #client}). */
    Reply uploadPublisher(String path, String authorization, String boundary, HttpRequest.BodyPublisher body) {
        return send(newClient(), request(path, authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build());
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static byte[] multipart(String boundary, String field, String fileName, String contentType, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        Reply reply = send(client, request);
        if (reply.status() >= 400 && request.bodyPublisher().isPresent()) {
            client = newClient();
        }
        return reply;
    }

    private static Reply send(HttpClient through, HttpRequest request) {
        try {
            HttpResponse<String> response = through.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isEmpty() ? null : JSON.readTree(text);
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
