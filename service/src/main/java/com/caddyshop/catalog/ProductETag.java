package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import jakarta.ws.rs.core.EntityTag;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's ETag is its version, a strong tag ({@code "7"}). The version moves with every edit of the
 * fields {@code PUT} replaces (and image and deletion), not with stock, so sales never make an admin's
 * edit stale. {@code PUT} must name the version it replaces in {@code If-Match}.
 */
final class ProductETag {
    private static final Pattern ONE_STRONG_TAG = Pattern.compile("\\s*\"(\\d{1,9})\"\\s*");

    private ProductETag() {
    }

    static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /**
     * The version an {@code If-Match} names: 428 without one (or with {@code *}, which would match any
     * version and so protect nothing); 412 for anything but one strong tag of ours, which can match no version.
     */
    static int expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw ApiException.preconditionRequired("This update needs If-Match with the product's ETag",
                    List.of(new FieldProblem("If-Match", "send the ETag of GET /api/admin/products/{id}")));
        }
        Matcher tag = ONE_STRONG_TAG.matcher(ifMatch);
        if (!tag.matches()) {
            throw ApiException.preconditionFailed("If-Match does not name the product's current version",
                    List.of(new FieldProblem("If-Match", "must be one ETag as the service sent it, such as \"3\"")));
        }
        return Integer.parseInt(tag.group(1));
    }

    /** The tag as the header carries it, quoted: {@code "7"}. */
    static String quoted(int version) {
        return "\"" + version + "\"";
    }
}
