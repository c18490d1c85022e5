package com.caddyshop.catalog;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * {@code POST /api/products/{id}/images}, multipart with the image in the part named {@code file}.
 * The part's file name and content type are deliberately ignored: see {@link ImageStore}.
 */
@Path(ProductResource.PATH + "/{id}/images")
@Produces(MediaType.APPLICATION_JSON)
public final class ProductImageResource {
    private final CatalogService catalog;

    public ProductImageResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @POST
    @RolesAllowed("ADMIN")
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                           @FormDataParam("file") InputStream file) {
        if (file == null) {
            throw ApiException.unprocessable("Validation failed",
                    List.of(new FieldProblem("file", "a multipart part named 'file' is required")));
        }
        ProductView product = catalog.attachImage(id, file);
        return Response.created(URI.create(product.imageUrl())).entity(product).build();
    }
}
