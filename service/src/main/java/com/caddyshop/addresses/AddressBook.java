package com.caddyshop.addresses;

import com.caddyshop.platform.errors.ApiException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The signed-in account's address book: at most {@link #MAX_ENTRIES} entries, so a book is one small
 * read and nobody can fill the table. Checkout copies an entry onto the order in its own transaction.
 */
public final class AddressBook {
    /** More than a household ships to; a shop with business buyers might raise it. */
    public static final int MAX_ENTRIES = 20;

    private final Jdbi jdbi;

    AddressBook(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public AddressBookPage list(long userId) {
        return new AddressBookPage(jdbi.withExtension(AddressDao.class, dao -> dao.all(userId)), MAX_ENTRIES);
    }

    public AddressEntry get(long userId, long id) {
        return jdbi.withExtension(AddressDao.class, dao -> dao.find(userId, id)).orElseThrow(() -> notFound(id));
    }

    public AddressEntry add(long userId, PostalAddress address) {
        return jdbi.inTransaction(tx -> {
            AddressDao dao = tx.attach(AddressDao.class);
            if (dao.lockCount(userId) >= MAX_ENTRIES) {
                throw ApiException.conflict("The address book is full (" + MAX_ENTRIES
                        + " entries); delete one first", List.of());
            }
            return entry(dao.insert(userId, address), address);
        });
    }

    public AddressEntry replace(long userId, long id, PostalAddress address) {
        if (jdbi.withExtension(AddressDao.class, dao -> dao.update(userId, id, address)) == 0) {
            throw notFound(id);
        }
        return entry(id, address);
    }

    public void delete(long userId, long id) {
        if (jdbi.withExtension(AddressDao.class, dao -> dao.delete(userId, id)) == 0) {
            throw notFound(id);
        }
    }

    /** An entry of the caller's book, read in the caller's transaction (checkout's). */
    public Optional<PostalAddress> find(Handle tx, long userId, long id) {
        return tx.attach(AddressDao.class).find(userId, id).map(AddressEntry::address);
    }

    private static AddressEntry entry(long id, PostalAddress a) {
        return new AddressEntry(id, a.name(), a.phone(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(),
                a.country());
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Address " + id + " not found");
    }
}
