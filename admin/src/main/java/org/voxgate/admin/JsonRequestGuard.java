package org.voxgate.admin;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Locale;

/**
 * Runs before every matched {@code /api} route, after {@link ApiKeyAuth}: a body larger than the
 * limit is 413 before anything reads it, and a body sent as anything but JSON to a write
 * endpoint (every {@code /api} body is JSON) is 415, so a form post from {@code curl -d} gets
 * a clear answer instead of a parse error. A chunked body (no {@code Content-Length}) is 411,
 * since its size cannot be checked before it is read.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonRequestGuard implements Handler {

    private final long maxBytes;

    JsonRequestGuard(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void handle(Context ctx) {
        HandlerType method = ctx.method();
        if (method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH) {
            return;
        }
        long length = ctx.contentLength();
        if (length > maxBytes) {
            throw ApiError.of(413, null, "request body of " + length + " bytes is over the limit of " + maxBytes);
        }
        boolean chunked = length < 0 && ctx.header("Transfer-Encoding") != null;
        if (chunked) {
            // The size limit is checked on Content-Length; a chunked body would be read whole
            // before anything could refuse it.
            throw ApiError.of(411, "Content-Length", "send the body with a Content-Length (chunked bodies are refused)");
        }
        if (length <= 0 || !ctx.path().startsWith("/api/")) {
            return;
        }
        String type = ctx.contentType();
        if (type == null || !isJson(type)) {
            throw ApiError.of(415, "Content-Type", "request bodies must be JSON: send Content-Type: application/json"
                    + (type == null ? "" : " (not " + type + ")"));
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
