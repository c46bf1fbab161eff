package org.voxgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every error response: a stable machine-readable code, a human message and,
 * for a bad parameter, the parameter's name. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(String error, String message, String field) {

    ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
