package org.voxgate.admin;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.voxgate.store.NewContact;
import org.voxgate.store.PhoneNumbers;

/**
 * Reads an uploaded contact list: RFC 4180 CSV with a header row whose names are matched
 * case-insensitively. {@code phone} (or {@code number}, {@code phone_number}) is required;
 * {@code name} and {@code time_zone} ({@code timezone}, {@code tz}) are optional; every other
 * named column becomes a bot variable keyed by its header as written. Numbers are normalized to
 * E.164 in the given region, time zones must be IANA ids.
 *
 * <p>Every data row ends up either as a {@link NewContact} (with its physical line number, the
 * header being line 1 when the file starts with it) or as a {@link Problem} naming the line and
 * the field: missing phone, invalid number, unknown time zone, ragged row, duplicate in the
 * file, number on the do-not-call list, over-long value. A bad row never costs a good one its
 * place; a quoting error that makes the rest of the file unreadable ends the read with a problem
 * at the line where it happened, keeping the rows before it. A byte-order mark, CRLF or CR line
 * ends, quoted commas and line breaks, and blank lines (also rows of empty cells) are handled.
 *
 * <p>Stateless and thread-safe; each call works on its own text.
 */
final class ContactCsvImport {

    /** Rows of one upload at most; a larger list is split by the client. */
    static final int MAX_ROWS = 100_000;
    static final int MAX_VARIABLES = 50;
    static final int MAX_VARIABLE_CHARS = 1_000;
    static final int MAX_NAME = 255;

    private static final Set<String> PHONE = Set.of("phone", "number", "phone_number");
    private static final Set<String> TIME_ZONE = Set.of("time_zone", "timezone", "tz");
    private static final String NAME = "name";

    /**
     * A row that was not imported.
     *
     * @param line    physical line of the CSV (1 is the header)
     * @param field   the column at fault ({@code phone}, {@code time_zone}, {@code name}, a
     *                variable's header) or {@code row} for the row as a whole
     * @param message what is wrong, quoting the value
     */
    record Problem(int line, String field, String message) {}

    /** The good rows in file order and the problems in line order. */
    record Result(List<NewContact> contacts, List<Problem> rejected) {}

    /** A file that cannot be read at all (no header, no phone column, too many rows); field names the part. */
    static final class UnreadableCsv extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        UnreadableCsv(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final PhoneNumbers numbers;

    ContactCsvImport(PhoneNumbers numbers) {
        this.numbers = Objects.requireNonNull(numbers, "numbers");
    }

    /**
     * Reads {@code text}.
     *
     * @param region       ISO region for numbers written without a country code
     * @param onDoNotCall  whether an E.164 number is on the do-not-call list (asked once per
     *                     distinct good number)
     * @throws UnreadableCsv when there is no header, no phone column, a duplicate column or
     *                       more than {@link #MAX_ROWS} rows
     */
    Result read(String text, String region, Predicate<String> onDoNotCall) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LineIndex lines = new LineIndex(csv);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        List<NewContact> contacts = new ArrayList<>();
        List<Problem> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            Header header = null;
            Map<String, Integer> seen = new HashMap<>();
            int rows = 0;
            int line = 1;
            long linesRead = 0;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // A broken quote swallows what follows; everything before it stands.
                    if (header == null) {
                        throw new UnreadableCsv("header", "the header row cannot be read: " + cause(e));
                    }
                    rejected.add(new Problem((int) linesRead + 1, "row", "unreadable CSV from here on (" + cause(e)
                            + "); the rows after this line were not read"));
                    break;
                }
                line = lines.lineOf(record.getCharacterPosition());
                linesRead = parser.getCurrentLineNumber();
                if (blank(record)) {
                    continue;
                }
                if (header == null) {
                    header = Header.of(record);
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw new UnreadableCsv("body", "at most " + MAX_ROWS + " contacts per upload; split the file");
                }
                Object row = row(record, header, line, region, seen);
                if (row instanceof Problem p) {
                    rejected.add(p);
                } else {
                    NewContact contact = (NewContact) row;
                    if (onDoNotCall.test(contact.phone())) {
                        rejected.add(new Problem(line, "phone", contact.phone() + " is on the do-not-call list"));
                    } else {
                        contacts.add(contact);
                    }
                }
            }
            if (header == null) {
                throw new UnreadableCsv("header", "the CSV is empty: a header row naming a phone column is required");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return new Result(List.copyOf(contacts), List.copyOf(rejected));
    }

    /** A contact, or the row's first problem. */
    private Object row(CSVRecord record, Header header, int line, String region, Map<String, Integer> seen) {
        if (record.size() != header.names.size()) {
            return new Problem(line, "row", "ragged row: " + record.size() + " values where the header has "
                    + header.names.size() + " columns");
        }
        String rawPhone = record.get(header.phone).strip();
        if (rawPhone.isEmpty()) {
            return new Problem(line, "phone", "missing phone");
        }
        String phone = numbers.toE164(rawPhone, region).orElse(null);
        if (phone == null || phone.length() > 16) {
            return new Problem(line, "phone", "invalid number '" + rawPhone + "' (read in region " + region + ")");
        }
        String name = header.name < 0 ? null : emptyToNull(record.get(header.name));
        if (name != null && name.length() > MAX_NAME) {
            return new Problem(line, "name", "name is longer than " + MAX_NAME + " characters");
        }
        String zone = header.timeZone < 0 ? null : emptyToNull(record.get(header.timeZone));
        if (zone != null) {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                return new Problem(line, "time_zone", "unknown time zone '" + zone
                        + "' (use an IANA name such as Europe/London)");
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> v : header.variables.entrySet()) {
            String value = record.get(v.getValue());
            if (value.length() > MAX_VARIABLE_CHARS) {
                return new Problem(line, v.getKey(), v.getKey() + " is longer than " + MAX_VARIABLE_CHARS
                        + " characters");
            }
            variables.put(v.getKey(), value);
        }
        Integer first = seen.putIfAbsent(phone, line);
        if (first != null) {
            return new Problem(line, "phone", phone + " is a duplicate of line " + first);
        }
        return new NewContact(line, phone, name, zone, variables);
    }

    private static boolean blank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String emptyToNull(String s) {
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String cause(RuntimeException e) {
        Throwable t = e.getCause() == null ? e : e.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Character offsets to 1-based physical lines; a line ends at LF, CRLF or a lone CR. */
    private static final class LineIndex {
        private final String text;
        private final int[] starts;

        LineIndex(String text) {
            this.text = text;
            List<Integer> list = new ArrayList<>();
            list.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    list.add(i + 1);
                }
            }
            starts = list.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The line holding offset {@code position}, skipping the line ends a record may start on. */
        int lineOf(long position) {
            // The parser reports where it began looking, before the empty lines it skipped.
            int p = (int) position;
            while (p < text.length() && (text.charAt(p) == '\r' || text.charAt(p) == '\n')) {
                p++;
            }
            int at = java.util.Arrays.binarySearch(starts, p);
            return at >= 0 ? at + 1 : -at - 1;
        }
    }

    /** Where the known columns are (-1 when absent) and the variables' columns by header. */
    private record Header(List<String> names, int phone, int name, int timeZone, Map<String, Integer> variables) {

        static Header of(CSVRecord record) {
            List<String> names = new ArrayList<>();
            int phone = -1;
            int name = -1;
            int zone = -1;
            Map<String, Integer> variables = new LinkedHashMap<>();
            Set<String> lower = new java.util.HashSet<>();
            for (int i = 0; i < record.size(); i++) {
                String header = record.get(i).strip();
                names.add(header);
                if (header.isEmpty()) {
                    continue; // a spreadsheet's trailing empty column carries nothing
                }
                String key = header.toLowerCase(Locale.ROOT);
                if (!lower.add(key)) {
                    throw new UnreadableCsv("header", "column '" + header + "' appears twice in the header");
                }
                if (PHONE.contains(key)) {
                    if (phone >= 0) {
                        throw new UnreadableCsv("header", "more than one phone column (phone, number, phone_number)");
                    }
                    phone = i;
                } else if (TIME_ZONE.contains(key)) {
                    if (zone >= 0) {
                        throw new UnreadableCsv("header", "more than one time zone column (time_zone, timezone, tz)");
                    }
                    zone = i;
                } else if (key.equals(NAME)) {
                    name = i;
                } else {
                    variables.put(header, i);
                }
            }
            if (phone < 0) {
                throw new UnreadableCsv("header", "the header row has no phone column (phone or number); it has "
                        + names);
            }
            if (variables.size() > MAX_VARIABLES) {
                throw new UnreadableCsv("header", "at most " + MAX_VARIABLES + " variable columns");
            }
            return new Header(List.copyOf(names), phone, name, zone, variables);
        }
    }
}
