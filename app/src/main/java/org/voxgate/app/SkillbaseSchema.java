package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.voxgate.admin.BotProblem;

/**
 * The JSON Schema (draft 2020-12) of a skillbase, read from the classpath resource
 * {@code skillbase.schema.json}, and the structural half of validation: types, required keys,
 * unknown keys, enumerations, ranges and patterns. The rules that span several places of the
 * document are {@link SkillbaseRules}'.
 *
 * <p>Immutable after construction and thread-safe (the compiled networknt schema is).
 */
final class SkillbaseSchema {
    static final String RESOURCE = "skillbase.schema.json";

    private final JsonNode document;
    private final JsonSchema schema;

    SkillbaseSchema() {
        try (InputStream in = SkillbaseSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            document = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document, config);
    }

    /** The schema document; a deep copy, so callers may do what they like with it. */
    JsonNode document() {
        return document.deepCopy();
    }

    /** Every structural problem of {@code doc}, with JSON Pointer paths. */
    List<BotProblem> problems(JsonNode doc) {
        List<BotProblem> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(doc)) {
            String path = m.getInstanceLocation().toString();
            String error = m.getError();
            // Point at the offending key itself, not at the object that holds (or lacks) it.
            if (("additionalProperties".equals(m.getType()) || "required".equals(m.getType()))
                    && m.getProperty() != null) {
                path = path + "/" + escape(m.getProperty());
                error = "required".equals(m.getType()) ? "is required" : "is not a known key";
            } else if (error.startsWith(path + ": ")) {
                error = error.substring(path.length() + 2);
            }
            out.add(new BotProblem(path, error));
        }
        return out;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
