package com.caddyshop.platform.errors;

/** One entry of an error's {@code details}: which field, and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
