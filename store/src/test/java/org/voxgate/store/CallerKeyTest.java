package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerKeyTest {
    private final CallerKey keys = new CallerKey();

    @Test
    void numbersBecomeE164AndUsersStayAsWritten() {
        assertThat(keys.of("+1 (415) 555-0123", null)).contains("+14155550123");
        assertThat(keys.of("4155550123", "US")).contains("+14155550123");
        assertThat(keys.of("4155550123", null)).isEmpty(); // no region: ambiguous
        assertThat(keys.of("alice", null)).contains("alice");
        assertThat(keys.of("4000", "US")).contains("4000");
        assertThat(keys.of("not a number!", "US")).isEmpty();
        assertThat(keys.of(" ", "US")).isEmpty();
    }

    @Test
    void storedFormsCoverTheSpellingsTrunksDeliver() {
        assertThat(keys.storedForms("+14155550123"))
                .contains("+14155550123", "14155550123", "4155550123", "0014155550123", "01114155550123");
        assertThat(keys.storedForms("+442071838750")).contains("02071838750", "2071838750");
        assertThat(keys.storedForms("alice")).containsExactly("alice");
    }
}
