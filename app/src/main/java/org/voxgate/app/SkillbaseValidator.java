package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.voxgate.admin.BotProblem;

/**
 * Validates a skillbase document as a whole: the JSON Schema ({@link SkillbaseSchema}) and the
 * cross-field rules ({@link SkillbaseRules}), every problem at once, each with the JSON Pointer
 * of the place it is about, sorted by path. Used by the bots API and for {@code conf/bots}.
 *
 * <p>Immutable and thread-safe; build one and share it (compiling the schema takes a moment).
 */
public final class SkillbaseValidator {
    private final SkillbaseSchema schema = new SkillbaseSchema();
    private final SkillbaseRules rules = new SkillbaseRules();

    /** The JSON Schema document (a copy). */
    public JsonNode schema() {
        return schema.document();
    }

    /** Every problem of the document; empty when it is a valid skillbase. */
    public List<BotProblem> validate(JsonNode document) {
        LinkedHashSet<BotProblem> all = new LinkedHashSet<>(schema.problems(document));
        all.addAll(rules.problems(document));
        List<BotProblem> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(BotProblem::path));
        return sorted;
    }
}
