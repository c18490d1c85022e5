package com.caddyshop.addresses;

import com.caddyshop.accounts.AuthenticatedUser;
import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The caller's address book under {@code /api/users/me/addresses}. */
@Path("/api/users/me/addresses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AddressResource {
    private final AddressBook book;

    AddressResource(AddressBook book) {
        this.book = book;
    }

    @GET
    @Timed
    public AddressBookPage list(@Auth AuthenticatedUser user) {
        return book.list(user.id());
    }

    @POST
    @Timed
    public Response add(@Auth AuthenticatedUser user, @NotNull @Valid PostalAddress address) {
        AddressEntry entry = book.add(user.id(), address);
        return Response.created(URI.create("/api/users/me/addresses/" + entry.id())).entity(entry).build();
    }

    @GET
    @Timed
    @Path("/{id}")
    public AddressEntry get(@Auth AuthenticatedUser user, @PathParam("id") long id) {
        return book.get(user.id(), id);
    }

    @PUT
    @Timed
    @Path("/{id}")
    public AddressEntry replace(@Auth AuthenticatedUser user, @PathParam("id") long id,
                                @NotNull @Valid PostalAddress address) {
        return book.replace(user.id(), id, address);
    }

    @DELETE
    @Timed
    @Path("/{id}")
    public Response delete(@Auth AuthenticatedUser user, @PathParam("id") long id) {
        book.delete(user.id(), id);
        return Response.noContent().build();
    }
}
