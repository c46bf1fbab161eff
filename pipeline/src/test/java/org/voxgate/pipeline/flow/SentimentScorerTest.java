package org.voxgate.pipeline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentScorerTest {
    private final SentimentScorer en = SentimentScorer.forLanguage("en-US");
    private final SentimentScorer es = SentimentScorer.forLanguage("es-ES");

    @Test
    void strongOrRepeatedNegativeWordsAreNegativeOneMildWordIsNot() {
        assertThat(en.isNegative("This is ridiculous")).isTrue();
        assertThat(en.isNegative("I am annoyed, nothing works")).isTrue();
        assertThat(en.isNegative("There is a problem with my order")).isFalse();
        assertThat(en.isNegative("What time do you open?")).isFalse();
        assertThat(en.score("")).isZero();
    }

    @Test
    void negationFlipsTheWordAfterIt() {
        assertThat(en.score("I am not happy")).isEqualTo(-1);
        assertThat(en.isNegative("I am not happy at all, this is wrong")).isTrue();
        assertThat(en.score("not bad")).isEqualTo(1);
        assertThat(en.isNegative("That's not terrible")).isFalse();
        assertThat(en.isNegative("I don't hate it")).isFalse();
    }

    @Test
    void spanishHasItsOwnListsAndNegators() {
        assertThat(es.isNegative("Esto es ridículo")).isTrue();
        assertThat(es.isNegative("Estoy muy molesto, es un problema")).isTrue();
        assertThat(es.score("no estoy contento")).isEqualTo(-1);
        assertThat(es.isNegative("Gracias, todo bien")).isFalse();
        assertThat(en.isNegative("Esto es ridículo")).as("English lists do not know Spanish").isFalse();
    }
}
