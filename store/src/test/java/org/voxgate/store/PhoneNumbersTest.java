package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
    private final PhoneNumbers numbers = new PhoneNumbers();

    @Test
    void readsNationalNumbersInTheTrunksRegion() {
        assertThat(numbers.toE164("020 7123 4567", "GB")).contains("+442071234567");
        assertThat(numbers.toE164("(415) 555-0123", "US")).contains("+14155550123");
        assertThat(numbers.toE164("602 123 456", "CZ")).contains("+420602123456");
    }

    @Test
    void keepsInternationalNumbersWhateverTheRegion() {
        assertThat(numbers.toE164("+44 20 7123 4567", "US")).contains("+442071234567");
        assertThat(numbers.toE164("0044 20 7123 4567", "CZ")).contains("+442071234567");
        assertThat(numbers.toE164("011 44 20 7123 4567", "US")).contains("+442071234567");
        assertThat(numbers.toE164("+14155550123", null)).contains("+14155550123");
    }

    @Test
    void refusesNamesAndImpossibleNumbers() {
        assertThat(numbers.toE164("echo", "US")).isEmpty();
        assertThat(numbers.toE164("alice1", "US")).isEmpty();
        assertThat(numbers.toE164("12", "US")).isEmpty();
        assertThat(numbers.toE164("", "US")).isEmpty();
        assertThat(numbers.toE164("4155550123", null)).isEmpty();
    }

    @Test
    void extensionsAreShortDigitStringsWithAnOptionalStarOrHash() {
        assertThat(PhoneNumbers.isExtension("4000")).isTrue();
        assertThat(PhoneNumbers.isExtension("*98")).isTrue();
        assertThat(PhoneNumbers.isExtension("72#")).isTrue();
        assertThat(PhoneNumbers.isExtension("12345678")).isTrue();
        assertThat(PhoneNumbers.isExtension("1")).isFalse();
        assertThat(PhoneNumbers.isExtension("123456789")).isFalse();
        assertThat(PhoneNumbers.isExtension("+4000")).isFalse();
        assertThat(PhoneNumbers.isExtension("40 00")).isFalse();
        assertThat(PhoneNumbers.isExtension("**98")).isFalse();
        assertThat(PhoneNumbers.isExtension("echo")).isFalse();
        assertThat(new NumberRoute("*98", "echo", null).number()).isEqualTo("*98");
    }

    @Test
    void knowsRegions() {
        assertThat(numbers.isKnownRegion("GB")).isTrue();
        assertThat(numbers.isKnownRegion("XX")).isFalse();
    }
}
