package org.voxgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;

/**
 * Reads request bodies strictly: unknown properties and wrong types are 400 errors naming the
 * field, so a typo in a trunk's settings is never silently ignored.
 *
 * <p>Thread-safe (the mapper is configured once and then only read).
 */
final class JsonBodies {
    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper base) {
        this.mapper = base.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiError.badRequest(null, "a JSON body is required");
        }
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.badRequest(e.getPropertyName(), "unknown field " + e.getPropertyName());
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw ApiError.badRequest(field, field == null ? "malformed JSON body" : "bad value for " + field);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "malformed JSON body");
        }
    }
}
