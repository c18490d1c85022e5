package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Serves stored images at {@code /uploads/<name>} from the database, on every app node. In
 * production nginx keeps a copy of each answer on the load balancers, so an image is read from
 * the database about once per load balancer. Only names the store generated resolve; the type is
 * the one the store sniffed from the bytes.
 */
@jakarta.ws.rs.Path("/uploads/{name}")
public final class UploadsResource {
    private final ImageStore images;

    public UploadsResource(ImageStore images) {
        this.images = images;
    }

    @GET
    public Response get(@PathParam("name") String name) {
        StoredImage image = images.find(name).orElseThrow(() -> ApiException.notFound("No such image"));
        // A stored name is never reused for other bytes, so clients may keep it as long as they like.
        return Response.ok((StreamingOutput) out -> images.copy(image, out), image.contentType())
                .header("Content-Length", image.size())
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
