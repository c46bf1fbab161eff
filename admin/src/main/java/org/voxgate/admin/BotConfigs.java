package org.voxgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * SPI: the stored bot configurations (skillbases) behind {@code /api/bots}, implemented by the
 * application, which owns the JSON Schema, the validation rules and the store.
 *
 * <p>Every write validates the whole document first and, when it is valid, stores it as a new
 * version; versions are never changed. Implementations are thread-safe and may block on the
 * store.
 */
public interface BotConfigs {

    /** The JSON Schema (draft 2020-12) of a skillbase. */
    JsonNode schema();

    /** Every problem of the document, or an empty list when it is a valid skillbase. */
    List<BotProblem> validate(JsonNode document);

    /**
     * Whether the name belongs to a bot that is not stored (a built-in bot or one of
     * {@code bots.agents}), so that no stored bot may take it.
     */
    boolean reserved(String name);

    /**
     * Validates and stores a new bot as version 1 (or, for the name of a deleted bot, the next
     * version after its last).
     *
     * @throws InvalidBotException with every problem when the document is not valid
     * @throws org.voxgate.store.StoreException with {@code isDuplicateKey()} when the name exists
     */
    BotView create(JsonNode document, String author, String comment);

    /**
     * Validates the document and stores it as the bot's next version.
     *
     * @return the new version, or empty when there is no such bot
     * @throws InvalidBotException with every problem when the document is not valid
     */
    Optional<BotView> update(String name, JsonNode document, String author, String comment);

    /** The bot's current version, or empty when there is no such bot. */
    Optional<BotView> get(String name);

    /** A page of the bots, by name. */
    List<BotSummary> list(int offset, int limit);

    /** How many bots there are. */
    int count();

    /** A page of a bot's versions, newest first. */
    List<BotView> versions(String name, int offset, int limit);

    /** How many versions the bot has. */
    int countVersions(String name);

    /** One version of a bot, or empty. */
    Optional<BotView> version(String name, int version);

    /**
     * Makes version {@code version}'s document current again by saving it as a new version
     * (history is never rewritten). The old document is validated again, since the rules may
     * have changed since it was saved.
     *
     * @return the new version, or empty when the bot or the version does not exist
     * @throws InvalidBotException when the old document no longer passes validation
     */
    Optional<BotView> restore(String name, int version, String author);

    /** Deletes the bot (its versions stay for the calls that ran them); false when there is none. */
    boolean delete(String name);
}
