package org.voxgate.admin;

import io.javalin.http.Context;
import java.util.List;

/**
 * The paging every list endpoint shares: {@code offset} and {@code limit} query parameters,
 * validated with errors naming the parameter, and the JSON envelope
 * {@code {items, offset, limit, total}}.
 *
 * @param offset items skipped, at least 0
 * @param limit items asked for, 1 to the endpoint's maximum
 */
record Paging(int offset, int limit) {

    /** A page's JSON envelope. */
    record Page<T>(List<T> items, int offset, int limit, long total) {}

    /**
     * Reads and checks the query parameters.
     *
     * @throws ApiError 400 naming {@code offset} or {@code limit}
     */
    static Paging of(Context ctx, int defaultLimit, int maxLimit) {
        int offset = QueryParams.intParam(ctx, "offset", 0);
        if (offset < 0) {
            throw ApiError.badRequest("offset", "offset must not be negative");
        }
        int limit = QueryParams.intParam(ctx, "limit", defaultLimit);
        if (limit < 1 || limit > maxLimit) {
            throw ApiError.badRequest("limit", "limit must be between 1 and " + maxLimit);
        }
        return new Paging(offset, limit);
    }

    <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, offset, limit, total);
    }
}
