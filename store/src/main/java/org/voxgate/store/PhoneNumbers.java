package org.voxgate.store;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalizes dialled numbers and call targets to E.164 ({@code +14155550123}) with Google's
 * libphonenumber, reading numbers without a country code in a trunk's default region.
 * Lives in the store because the numbers table is keyed by its result, and both the API
 * (writing the table) and the call router (reading it) must normalize the same way.
 *
 * <p>Stateless and thread-safe (libphonenumber's util is a thread-safe shared instance).
 */
public final class PhoneNumbers {

    /** A PBX-style extension or feature code: 2-8 digits, optionally led or followed by * or #. */
    private static final java.util.regex.Pattern EXTENSION = java.util.regex.Pattern.compile("[*#]?[0-9]{2,8}[*#]?");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * Whether {@code text} is an extension ({@code 4000}, {@code *98}, {@code 72#}): kept as
     * written in the numbers table and matched exactly against the dialled user, since
     * libphonenumber rejects such short strings or would turn them into a wrong number.
     */
    public static boolean isExtension(String text) {
        return text != null && EXTENSION.matcher(text).matches();
    }

    /**
     * The E.164 form of {@code raw}, or empty when it is not a telephone number (a name like
     * {@code echo}, an extension too short to be a number in the region, garbage).
     *
     * @param raw           digits as dialled or written; {@code +}, {@code 00}-style international
     *                      prefixes, spaces, dashes, dots and brackets are understood
     * @param defaultRegion ISO 3166 region for numbers without a country code, for example {@code GB}
     */
    public Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.chars().anyMatch(Character::isLetter)) {
            return Optional.empty(); // sip user names, not numbers (libphonenumber maps letters to digits)
        }
        try {
            PhoneNumber number = util.parse(text, defaultRegion == null ? "ZZ" : defaultRegion);
            if (!util.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code region} is a region libphonenumber knows, for validating config and API input. */
    public boolean isKnownRegion(String region) {
        return region != null && util.getSupportedRegions().contains(region);
    }
}
