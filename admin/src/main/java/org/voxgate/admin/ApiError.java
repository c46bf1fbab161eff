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
