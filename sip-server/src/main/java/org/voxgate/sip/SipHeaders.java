package org.voxgate.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.address.URI;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;

/**
 * Small readers for headers several handlers look at: option tags, Allow, Contact, and raw
 * values of extension headers (Session-Expires, Min-SE) read without relying on the stack's
 * extension classes.
 *
 * <p>Threading: stateless; thread-safe.
 */
final class SipHeaders {
    /** Option tags we implement and so accept in Require (RFC 3261 8.2.2.3). */
    static final Set<String> SUPPORTED_OPTIONS = Set.of("timer");

    private SipHeaders() {}

    /** The option tags in Require that we do not support, in order; empty when all are fine. */
    static List<String> unsupportedRequired(Message message) {
        List<String> unsupported = new ArrayList<>();
        for (String tag : optionTags(message, RequireHeader.NAME)) {
            if (!SUPPORTED_OPTIONS.contains(tag)) {
                unsupported.add(tag);
            }
        }
        return unsupported;
    }

    /** True when Supported or Require lists {@code tag}. */
    static boolean supports(Message message, String tag) {
        return optionTags(message, SupportedHeader.NAME).contains(tag)
                || optionTags(message, RequireHeader.NAME).contains(tag);
    }

    private static List<String> optionTags(Message message, String headerName) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> headers = message.getHeaders(headerName);
        while (headers != null && headers.hasNext()) {
            Object h = headers.next();
            String value = h instanceof RequireHeader r ? r.getOptionTag()
                    : h instanceof SupportedHeader s ? s.getOptionTag() : null;
            if (value == null) {
                continue;
            }
            for (String tag : value.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tags;
    }

    /** True when the message's Allow headers list {@code method}. */
    static boolean allows(Message message, String method) {
        ListIterator<?> headers = message.getHeaders(AllowHeader.NAME);
        while (headers != null && headers.hasNext()) {
            String value = ((AllowHeader) headers.next()).getMethod();
            for (String m : value == null ? new String[0] : value.split(",")) {
                if (m.trim().equalsIgnoreCase(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Contact URI of a message, or null. */
    static URI contactUri(Message message) {
        ContactHeader contact = (ContactHeader) message.getHeader(ContactHeader.NAME);
        return contact == null || contact.getAddress() == null ? null : contact.getAddress().getURI();
    }

    /** The value of a header after the colon, trimmed; null when absent. */
    static String value(Message message, String name) {
        Header header = message.getHeader(name);
        if (header == null) {
            return null;
        }
        String text = header.toString().trim();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).trim();
    }
}
