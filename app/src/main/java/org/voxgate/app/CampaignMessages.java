package org.voxgate.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voxgate.store.CampaignContact;

/**
 * Fills a campaign's voicemail message with the contact's values: {@code {{name}}},
 * {@code {{phone}}} and any CSV column ({@code {{balance}}}). A placeholder the contact has no
 * value for becomes empty, so a half-filled message never reads out braces.
 *
 * <p>Pure and thread-safe.
 */
final class CampaignMessages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private CampaignMessages() {
    }

    static String fill(String template, CampaignContact contact) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = switch (key) {
                case "name" -> contact.name();
                case "phone" -> contact.phone();
                default -> contact.variables().get(key);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s{2,}", " ").trim();
    }
}
