package org.voxgate.admin;

import io.javalin.http.Context;

/** Query parameter parsing shared by the list endpoints; errors name the parameter. Stateless. */
final class QueryParams {
    private QueryParams() {}

    static int intParam(Context ctx, String name, int defaultValue) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, name + " must be an integer");
        }
    }
}
