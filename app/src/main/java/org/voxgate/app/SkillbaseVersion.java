package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One validated version of a stored bot's configuration, as handed to whatever turns a
 * skillbase into a running {@link org.voxgate.pipeline.Bot} (see {@link StoredBots}).
 *
 * <p>Immutable by contract: the document is a private tree nobody modifies.
 *
 * @param name     the bot's name
 * @param version  the version number
 * @param document the skillbase JSON document, valid when it was saved
 */
public record SkillbaseVersion(String name, int version, JsonNode document) {
    public SkillbaseVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
