package org.voxgate.admin;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Map;

/**
 * Runs before every matched {@code /api} route, after {@link ApiKeyAuth}: a body larger than the
 * limit is 413 before anything reads it, and a body sent as anything but JSON to a write
 * endpoint (every {@code /api} body is JSON) is 415, so a form post from {@code curl -d} gets
 * a clear answer instead of a parse error. A chunked body (no {@code Content-Length}) is 411,
 * since its size cannot be checked before it is read. The few upload routes (a contact CSV)
 * each take exactly their own media type instead of JSON, with a larger limit of their own.
 *
 * <p>Immutable and thread-safe.
 */
final class JsonRequestGuard implements Handler {

    /**
     * A route that takes a file instead of JSON.
     *
     * @param mediaType the one media type it takes, lower case ({@code text/csv})
     * @param maxBytes  its body limit
     */
    record Upload(String mediaType, long maxBytes) {}

    private final long maxBytes;
    private final Map<String, Upload> uploads;

    JsonRequestGuard(long maxBytes) {
        this(maxBytes, Map.of());
    }

    /** @param uploads by route, {@code "POST /api/campaigns/{id}/contacts"} */
    JsonRequestGuard(long maxBytes, Map<String, Upload> uploads) {
        this.maxBytes = maxBytes;
        this.uploads = Map.copyOf(uploads);
    }

    @Override
    public void handle(Context ctx) {
        HandlerType method = ctx.method();
        if (method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH) {
            return;
        }
        Upload upload = uploads.get(method + " " + ctx.endpointHandlerPath());
        long limit = upload == null ? maxBytes : upload.maxBytes();
        long length = ctx.contentLength();
        if (length > limit) {
            throw ApiError.of(413, null, "request body of " + length + " bytes is over the limit of " + limit);
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
        if (upload != null) {
            if (type == null || !mediaType(type).equals(upload.mediaType())) {
                throw ApiError.of(415, "Content-Type", "send this body as Content-Type: " + upload.mediaType()
                        + (type == null ? "" : " (not " + type + ")"));
            }
            return;
        }
        if (type == null || !isJson(type)) {
            throw ApiError.of(415, "Content-Type", "request bodies must be JSON: send Content-Type: application/json"
                    + (type == null ? "" : " (not " + type + ")"));
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = mediaType(contentType);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
