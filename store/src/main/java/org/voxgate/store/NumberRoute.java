package org.voxgate.store;

import java.util.Objects;

/**
 * One row of the numbers table: an E.164 number or an extension, and the bot that answers it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param number E.164 with the leading {@code +}, or an extension as dialled (see
 *               {@link PhoneNumbers#isExtension})
 * @param bot    bot that answers calls to the number
 * @param trunk  when not {@code null}, the number matches only calls arriving on this trunk
 */
public record NumberRoute(String number, String bot, String trunk) {

    public NumberRoute {
        Objects.requireNonNull(number, "number");
        if (!number.matches("\\+[1-9][0-9]{1,14}") && !PhoneNumbers.isExtension(number)) {
            throw new IllegalArgumentException("number must be E.164, for example +14155550123, or an extension "
                    + "of 2-8 digits optionally with * or #");
        }
        if (bot == null || bot.isBlank()) {
            throw new IllegalArgumentException("bot must not be empty");
        }
    }
}
