package com.caddyshop.platform.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Serves the hand-written OpenAPI document (resource {@value #RESOURCE}) at {@code /api/openapi.json},
 * byte for byte. OpenApiDocumentIT keeps the document in step with the registered resources.
 * It is under {@code /api}, so the rate limiter counts it; a cacheable response with an ETag keeps
 * repeated fetches by tools cheap.
 */
@Path("/api/openapi.json")
public final class OpenApiResource {
    public static final String RESOURCE = "/openapi/openapi.json";
    /** Long enough for a documentation viewer's reloads, short enough that a deployment shows soon. */
    static final int MAX_AGE_SECONDS = 300;

    private final byte[] document;
    private final EntityTag etag;

    OpenApiResource(byte[] document) {
        this.document = document.clone();
        this.etag = new EntityTag(sha256(document));
    }

    /** The document the build packaged; a jar without it must not start, rather than serve 404s. */
    public static OpenApiResource fromClasspath() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            return new OpenApiResource(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@Context Request request) {
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = unchanged != null ? unchanged
                : Response.ok(document, MediaType.APPLICATION_JSON_TYPE).tag(etag);
        // JAX-RS CacheControl has no "public" directive, so the header is written out.
        return response.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS).build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
