package org.voxgate.admin;

import java.util.List;

/**
 * A bot configuration was refused; carries every problem found, not just the first. The API
 * answers it with 422 and the list.
 *
 * <p>Immutable.
 */
public final class InvalidBotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<BotProblem> problems;

    /** @param problems at least one problem */
    public InvalidBotException(List<BotProblem> problems) {
        super(problems.size() + " problem(s) in the bot configuration", null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid bot has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in document order as far as they could be sorted. */
    public List<BotProblem> problems() {
        return problems;
    }
}
