package org.voxgate.store;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A contact to add to a campaign, as read from an upload.
 *
 * <p>Immutable and thread-safe; {@code variables} is an unmodifiable copy.
 *
 * @param line      the CSV line it came from (1 is the header), or 0 when it came from no file
 *                  (stored as no source line)
 * @param phone     E.164, for example {@code +14155550123}
 * @param name      the contact's name, or {@code null}
 * @param timeZone  IANA zone of the contact, or {@code null} for the campaign's
 * @param variables the other columns, for the bot; {@code null} means none
 */
public record NewContact(int line, String phone, String name, String timeZone, Map<String, String> variables) {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    public NewContact {
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0 (was " + line + ")");
        }
        if (phone == null || !E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be an E.164 number (was " + phone + ")");
        }
        if (name != null && name.length() > 255) {
            throw new IllegalArgumentException("name must be at most 255 characters");
        }
        if (timeZone != null) {
            TimeZones.check(timeZone);
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
