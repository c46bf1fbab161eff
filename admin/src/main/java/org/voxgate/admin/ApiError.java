package org.voxgate.admin;

/**
 * A request the API answers with a 4xx status and a JSON error body; thrown by handlers and
 * turned into a response by the server's exception mapping. Immutable.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;

    private ApiError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiError badRequest(String field, String message) {
        return new ApiError(400, "bad_request", message, field);
    }

    static ApiError conflict(String field, String message) {
        return new ApiError(409, "conflict", message, field);
    }

    /** An error with any 4xx/5xx status; the code is derived from the status. */
    static ApiError of(int status, String field, String message) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 411 -> "length_required";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 409 -> "conflict";
            case 429 -> "limit_reached";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        return new ApiError(status, code, message, field);
    }

    /** 401: no usable key; the field is the header a client must fix. */
    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, "Authorization");
    }

    /** 403: a valid key whose role does not cover the route. */
    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, null);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    int status() {
        return status;
    }

    ErrorBody body() {
        return new ErrorBody(code, getMessage(), field);
    }
}
