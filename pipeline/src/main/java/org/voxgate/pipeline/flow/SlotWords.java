package org.voxgate.pipeline.flow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fills a slot from recognised words when there is no model (the offline recognizer hears only
 * its grammar), English and Spanish: {@code yes_no} from yes/no words; {@code number} from digits
 * or number words up to ninety-nine ("twenty three", "veinte"); {@code date} from "today",
 * "tomorrow" or a weekday name (the next such day, today excluded), as an ISO date. The same
 * words make the recognizer's grammar ({@link #phrases}).
 *
 * <p>Threading: immutable.
 */
final class SlotWords {
    private static final List<String> YES_EN = List.of("yes", "yeah", "yes please", "correct", "sure");
    private static final List<String> NO_EN = List.of("no", "no thanks", "no thank you", "nope");
    private static final List<String> YES_ES = List.of("si", "sí", "claro", "correcto", "vale");
    private static final List<String> NO_ES = List.of("no", "no gracias");
    private static final List<String> UNITS_EN = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen");
    private static final List<String> TENS_EN = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty",
            "seventy", "eighty", "ninety");
    private static final List<String> UNITS_ES = List.of("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis",
            "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
            "dieciocho", "diecinueve", "veinte");
    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("lunes", DayOfWeek.MONDAY),
            Map.entry("martes", DayOfWeek.TUESDAY), Map.entry("miercoles", DayOfWeek.WEDNESDAY),
            Map.entry("jueves", DayOfWeek.THURSDAY), Map.entry("viernes", DayOfWeek.FRIDAY),
            Map.entry("sabado", DayOfWeek.SATURDAY), Map.entry("domingo", DayOfWeek.SUNDAY));

    private final boolean spanish;

    SlotWords(String language) {
        this.spanish = language != null && language.toLowerCase(Locale.ROOT).startsWith("es");
    }

    /** The value heard for a slot of {@code type}, canonical, or empty. */
    Optional<String> fill(SlotType type, String text, LocalDate today) {
        String words = " " + Words.normalise(text) + " ";
        return switch (type) {
            case YES_NO -> {
                boolean no = has(words, spanish ? NO_ES : NO_EN);
                boolean yes = has(words, spanish ? YES_ES : YES_EN);
                yield yes == no ? Optional.empty() : Optional.of(yes ? "yes" : "no");
            }
            case NUMBER -> number(words.strip());
            case DATE -> date(words, today);
            default -> Optional.empty();
        };
    }

    /** What the recognizer should expect for a slot of {@code type}. */
    List<String> phrases(SlotType type) {
        List<String> out = new ArrayList<>();
        switch (type) {
            case YES_NO -> {
                out.addAll(spanish ? YES_ES : YES_EN);
                out.addAll(spanish ? NO_ES : NO_EN);
            }
            case NUMBER -> {
                out.addAll(spanish ? UNITS_ES : UNITS_EN);
                if (!spanish) {
                    TENS_EN.stream().filter(t -> !t.isEmpty()).forEach(out::add);
                }
            }
            case DATE -> {
                out.addAll(spanish ? List.of("hoy", "manana") : List.of("today", "tomorrow"));
                DAYS.keySet().stream().filter(d -> spanish == isSpanishDay(d)).sorted().forEach(out::add);
            }
            default -> { }
        }
        return out;
    }

    private static boolean isSpanishDay(String day) {
        return !day.endsWith("day");
    }

    private static boolean has(String words, List<String> phrases) {
        return phrases.stream().map(Words::normalise).anyMatch(p -> words.contains(" " + p + " "));
    }

    private Optional<String> number(String words) {
        for (String w : words.split(" ")) {
            if (w.matches("\\d{1,9}")) {
                return Optional.of(String.valueOf(Long.parseLong(w)));
            }
        }
        List<String> units = spanish ? UNITS_ES : UNITS_EN;
        int total = -1;
        for (String w : words.split(" ")) {
            int u = units.indexOf(w);
            int t = spanish ? -1 : TENS_EN.indexOf(w);
            if (t >= 2) {
                total = t * 10;
            } else if (u >= 0) {
                total = total >= 20 && u < 10 ? total + u : u;
            }
        }
        return total < 0 ? Optional.empty() : Optional.of(String.valueOf(total));
    }

    private Optional<String> date(String words, LocalDate today) {
        if (words.contains(" today ") || words.contains(" hoy ")) {
            return Optional.of(today.toString());
        }
        if (words.contains(" tomorrow ") || words.contains(" manana ")) {
            return Optional.of(today.plusDays(1).toString());
        }
        for (Map.Entry<String, DayOfWeek> d : DAYS.entrySet()) {
            if (words.contains(" " + d.getKey() + " ")) {
                return Optional.of(today.with(TemporalAdjusters.next(d.getValue())).toString());
            }
        }
        return Optional.empty();
    }
}
