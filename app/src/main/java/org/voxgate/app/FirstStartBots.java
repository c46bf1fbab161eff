package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where {@link BotFiles} stores the skillbases of {@code bots.directory} at first start: the
 * node implements it with the bot store and the skillbase validator.
 *
 * <p>Called on the start-up thread only.
 */
interface FirstStartBots {
    /** Whether any bot is stored already (then nothing is loaded). */
    boolean anyStored();

    /**
     * Validates and stores one skillbase as a new bot.
     *
     * @param fileName the file it came from, for error messages
     * @throws RuntimeException when the document is refused; its message should list every problem
     */
    void store(String fileName, JsonNode doc);
}
