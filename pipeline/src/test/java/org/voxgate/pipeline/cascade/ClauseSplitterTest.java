package org.voxgate.pipeline.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {
    private static List<String> split(ClauseSplitter s, String... deltas) {
        List<String> out = new ArrayList<>();
        for (String d : deltas) {
            out.addAll(s.add(d));
        }
        return out;
    }

    @Test
    void cutsAtSentenceAndClausePunctuationAcrossDeltas() {
        ClauseSplitter s = new ClauseSplitter(20);
        assertThat(split(s, "Sure", "! Your table", " is booked. ", "Anything else", "?")).containsExactly(
                "Sure! ", "Your table is booked. ");
        assertThat(s.flush()).isEqualTo("Anything else?");
        assertThat(s.flush()).isEmpty();
    }

    @Test
    void commasOnlyAfterTheMinimumLength() {
        ClauseSplitter s = new ClauseSplitter(20);
        assertThat(split(s, "Yes, I can help with that booking, ", "of course; ")).containsExactly(
                "Yes, I can help with that booking, ", "of course; ");
    }

    @Test
    void abbreviationsNumbersAndInitialsAreNotBoundaries() {
        ClauseSplitter s = new ClauseSplitter(20);
        assertThat(split(s, "Dr. Smith sees you at 3.30 p.m. on Friday. ")).containsExactly(
                "Dr. Smith sees you at 3.30 p.m. on Friday. ");
        assertThat(split(s, "Call J. Doe. Bye.")).containsExactly("Call J. Doe. ");
        assertThat(s.flush()).isEqualTo("Bye.");
    }
}
