package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.voxgate.admin.ContactCsvImport.Problem;
import org.voxgate.admin.ContactCsvImport.Result;
import org.voxgate.admin.ContactCsvImport.UnreadableCsv;
import org.voxgate.store.NewContact;
import org.voxgate.store.PhoneNumbers;

/** Contact CSV uploads, nasty ones included, read without a server. */
class ContactCsvImportTest {

    private final ContactCsvImport csv = new ContactCsvImport(new PhoneNumbers());
    private final List<String> asked = new ArrayList<>();

    private Result read(String text) {
        return read(text, Set.of());
    }

    private Result read(String text, Set<String> doNotCall) {
        Predicate<String> dnc = phone -> {
            asked.add(phone);
            return doNotCall.contains(phone);
        };
        return csv.read(text, "GB", dnc);
    }

    @Test
    void readsKnownColumnsCaseInsensitivelyAndTheRestAsVariables() {
        Result r = read("Number,NAME,Tz,plan,Renewal Date\n"
                + "020 7946 0018,Ann Smith,Europe/London,gold,2026-12-01\n"
                + "+1 415 555 0123,,America/Los_Angeles,silver,\n");

        assertThat(r.rejected()).isEmpty();
        assertThat(r.contacts()).containsExactly(
                new NewContact(2, "+442079460018", "Ann Smith", "Europe/London",
                        Map.of("plan", "gold", "Renewal Date", "2026-12-01")),
                new NewContact(3, "+14155550123", null, "America/Los_Angeles",
                        Map.of("plan", "silver", "Renewal Date", "")));
    }

    @Test
    void bomCrlfQuotedCommasLineBreaksAndBlankLinesKeepPhysicalLineNumbers() {
        String text = "\uFEFFphone,name,note\r\n"
                + "\r\n"
                + "07700 900001,\"Smith, Ann\",\"says \"\"hi\"\"\"\r\n"
                + ",,\r\n"
                + "07700 900002,Bob,\"two\r\nlines\"\r\n"
                + "   \r\n"
                + "07700 900003,Cy,last"; // no final line end
        Result r = read(text);

        assertThat(r.rejected()).isEmpty();
        assertThat(r.contacts()).extracting(NewContact::line).containsExactly(3, 5, 8);
        assertThat(r.contacts().get(0).name()).isEqualTo("Smith, Ann");
        assertThat(r.contacts().get(0).variables()).containsEntry("note", "says \"hi\"");
        assertThat(r.contacts().get(1).variables()).containsEntry("note", "two\r\nlines");
        assertThat(r.contacts().get(2).phone()).isEqualTo("+447700900003");
    }

    @Test
    void lonelyCarriageReturnsEndLinesToo() {
        Result r = read("phone\r07700 900001\r\r07700 900002\r");
        assertThat(r.contacts()).extracting(NewContact::line).containsExactly(2, 4);
    }

    @Test
    void badRowsAreRejectedByLineAndFieldWithoutCostingGoodOnes() {
        Result r = read("phone,name,time_zone\n"
                + "07700 900001,Ann,\n"          // 2 good
                + ",Nobody,\n"                   // 3 missing phone
                + "not a number,Bob,\n"          // 4 invalid
                + "07700 900002,Cy,Mars/Olympus\n" // 5 bad zone
                + "07700 900003,Dee\n"           // 6 ragged (short)
                + "07700 900004,Eve,,extra\n"    // 7 ragged (long)
                + "+44 7700 900001,Ann again,\n" // 8 duplicate of line 2
                + "07700 900005,Fay,\n"          // 9 on the list
                + "07700 900006,Gus,Europe/Paris\n", // 10 good
                Set.of("+447700900005"));

        assertThat(r.contacts()).extracting(NewContact::line).containsExactly(2, 10);
        assertThat(r.rejected()).extracting(Problem::line, Problem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "phone"),
                org.assertj.core.groups.Tuple.tuple(4, "phone"),
                org.assertj.core.groups.Tuple.tuple(5, "time_zone"),
                org.assertj.core.groups.Tuple.tuple(6, "row"),
                org.assertj.core.groups.Tuple.tuple(7, "row"),
                org.assertj.core.groups.Tuple.tuple(8, "phone"),
                org.assertj.core.groups.Tuple.tuple(9, "phone"));
        assertThat(r.rejected().get(0).message()).contains("missing phone");
        assertThat(r.rejected().get(1).message()).contains("not a number");
        assertThat(r.rejected().get(2).message()).contains("Mars/Olympus");
        assertThat(r.rejected().get(5).message()).contains("duplicate of line 2");
    }

    @Test
    void numbersOnTheDoNotCallListAreRejectedAndEachNumberIsAskedOnce() {
        Result r = read("phone\n07700 900001\n07700 900005\n07700900001\n", Set.of("+447700900005"));

        assertThat(r.contacts()).extracting(NewContact::phone).containsExactly("+447700900001");
        assertThat(r.rejected()).containsExactly(
                new Problem(3, "phone", "+447700900005 is on the do-not-call list"),
                new Problem(4, "phone", "+447700900001 is a duplicate of line 2"));
        assertThat(asked).containsExactly("+447700900001", "+447700900005");
    }

    @Test
    void aBrokenQuoteKeepsTheRowsBeforeItAndSaysWhere() {
        Result r = read("phone,name\n07700 900001,Ann\n07700 900002,\"Bob\n07700 900003,Cy\n");

        assertThat(r.contacts()).extracting(NewContact::line).containsExactly(2);
        assertThat(r.rejected()).hasSize(1);
        assertThat(r.rejected().get(0).line()).isEqualTo(3);
        assertThat(r.rejected().get(0).field()).isEqualTo("row");
    }

    @Test
    void filesWithoutAUsableHeaderAreUnreadable() {
        assertUnreadable("", "header");
        assertUnreadable("\uFEFF\r\n\r\n", "header");
        assertUnreadable("name,email\nAnn,a@example.com\n", "header");
        assertUnreadable("phone,Phone\n1,2\n", "header");
        assertUnreadable("phone,number\n1,2\n", "header");
    }

    @Test
    void tenThousandRowsReadInOrder() {
        StringBuilder text = new StringBuilder("phone,name,ref\r\n");
        for (int i = 0; i < 10_000; i++) {
            text.append(String.format("07700 9%05d,Person %d,\"ref, %d\"\r\n", i, i, i));
        }
        Result r = read(text.toString());

        assertThat(r.rejected()).isEmpty();
        assertThat(r.contacts()).hasSize(10_000);
        assertThat(r.contacts().get(9_999)).isEqualTo(new NewContact(10_001, "+447700909999", "Person 9999", null,
                Map.of("ref", "ref, 9999")));
    }

    private void assertUnreadable(String text, String field) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(UnreadableCsv.class)
                .satisfies(e -> assertThat(((UnreadableCsv) e).field()).isEqualTo(field));
    }
}
