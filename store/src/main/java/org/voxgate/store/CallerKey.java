package org.voxgate.store;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key a caller is known by: a telephone number in E.164 ({@code +14155550123}), normalized
 * with {@link PhoneNumbers}, or, for a caller that is no telephone number, its SIP user part as
 * written ({@code alice}, an extension like {@code 4000}).
 *
 * <p>Calls keep the caller's user part as it arrived ({@code +14155550123}, {@code 14155550123}
 * or {@code 4155550123}, depending on the trunk), so {@link #storedForms} lists the spellings a
 * number can have in the {@code calls} table; matching them exactly keeps the lookups plain SQL
 * on both databases.
 *
 * <p>Stateless and thread-safe.
 */
public final class CallerKey {

    /** A SIP user part: RFC 3261 unreserved characters, bounded like the column. */
    private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~!$&'*+=-]{0,63}");

    private final PhoneNumbers numbers = new PhoneNumbers();
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * The key of {@code raw}, or empty when it is neither a telephone number nor a SIP user part.
     *
     * @param raw           a number in any common spelling, or a SIP user part
     * @param defaultRegion region for numbers without a country code, or null to require one
     */
    public Optional<String> of(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (PhoneNumbers.isExtension(text)) {
            return Optional.of(text); // 4000 stays an extension, as the numbers table keeps it
        }
        Optional<String> e164 = numbers.toE164(text, defaultRegion);
        if (e164.isPresent()) {
            return e164;
        }
        boolean hasLetter = text.chars().anyMatch(Character::isLetter);
        return hasLetter && SIP_USER.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    /** Whether {@code key} is a telephone number key (E.164) rather than a user part. */
    public static boolean isNumber(String key) {
        return key != null && key.startsWith("+");
    }

    /**
     * The spellings under which a caller with this key can appear as a call's party: for an
     * E.164 key the number with and without {@code +}, with {@code 00} and {@code 011}, and in
     * its region's national form; otherwise the key itself.
     */
    public Set<String> storedForms(String key) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(key);
        if (!isNumber(key)) {
            return forms;
        }
        String digits = key.substring(1);
        forms.add(digits);
        forms.add("00" + digits);
        forms.add("011" + digits);
        try {
            PhoneNumber number = util.parse(key, "ZZ");
            forms.add(util.getNationalSignificantNumber(number));
            forms.add(util.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", ""));
        } catch (NumberParseException e) {
            // an E.164 key always parses; if it somehow does not, the exact forms above remain
        }
        return forms;
    }
}
