package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Serves stored images at {@code /uploads/<name>} for set-ups without nginx in front ({@code make run}).
 * In production nginx answers this path from disk and requests never reach the service. Only names
 * the store generated resolve; the type comes from the extension the store chose after sniffing.
 */
@jakarta.ws.rs.Path("/uploads/{name}")
public final class UploadsResource {
    private final ImageStore images;

    public UploadsResource(ImageStore images) {
        this.images = images;
    }

    @GET
    public Response get(@PathParam("name") String name) {
        Path file = images.find(name).orElseThrow(() -> ApiException.notFound("No such image"));
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = switch (extension) {
            case "jpg" -> "image/jpeg";
            case "png" -> "image/png";
            default -> "image/webp";
        };
        // A stored name is never reused for other bytes, so clients may keep it as long as they like.
        return Response.ok((StreamingOutput) out -> Files.copy(file, out), type)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
