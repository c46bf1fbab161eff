package org.voxgate.pipeline.flow;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kind of value a {@link SlotSpec} collects, and how a raw value is checked and put in its
 * canonical form: numbers as plain decimals, dates as ISO {@code yyyy-MM-dd}, times as
 * {@code HH:mm}, phone numbers as {@code +} and digits, yes/no as {@code yes} or {@code no}.
 *
 * <p>Threading: immutable.
 */
public enum SlotType {
    TEXT, NUMBER, DATE, TIME, PHONE, YES_NO;

    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "sure", "correct", "right", "ok", "okay",
            "true", "si", "sí", "claro", "vale");
    private static final Set<String> NO = Set.of("no", "nope", "false", "incorrect", "wrong");

    /** The document's spelling ({@code yes_no}) to the type; {@code null} for an unknown name. */
    public static SlotType fromName(String name) {
        for (SlotType t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    /** The document's spelling: {@code text}, {@code yes_no}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks a value given for a slot of this type (by the model or the caller's words) and
     * returns its canonical form, or empty when it is not a valid value of the type.
     */
    public Optional<String> canonical(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.strip();
        return switch (this) {
            case TEXT -> v.length() <= 500 ? Optional.of(v) : Optional.empty();
            case NUMBER -> number(v);
            case DATE -> {
                try {
                    yield Optional.of(LocalDate.parse(v).toString());
                } catch (DateTimeParseException e) {
                    yield Optional.empty();
                }
            }
            case TIME -> {
                try {
                    yield Optional.of(LocalTime.parse(v.length() == 4 ? "0" + v : v).withSecond(0).toString());
                } catch (DateTimeParseException e) {
                    yield Optional.empty();
                }
            }
            case PHONE -> {
                String digits = v.replaceAll("[\\s().-]", "");
                yield digits.matches("\\+?[0-9]{3,15}") ? Optional.of(digits) : Optional.empty();
            }
            case YES_NO -> {
                String w = v.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
                yield YES.contains(w) ? Optional.of("yes") : NO.contains(w) ? Optional.of("no") : Optional.empty();
            }
        };
    }

    /** What the model is told a value must look like. */
    public String describe() {
        return switch (this) {
            case TEXT -> "free text";
            case NUMBER -> "a number such as 3 or 2.5";
            case DATE -> "an ISO date yyyy-MM-dd";
            case TIME -> "a 24-hour time HH:mm";
            case PHONE -> "a phone number, digits with an optional leading +";
            case YES_NO -> "yes or no";
        };
    }

    private static Optional<String> number(String v) {
        try {
            java.math.BigDecimal n = new java.math.BigDecimal(v.replace(",", ""));
            return Optional.of(n.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
