package org.voxgate.pipeline.amd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VoicemailPhrasesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "Hi, you've reached John. Please leave a message after the tone.",
        "The person you are calling is not available.",
        "I can't take your call right now",
        "Welcome to the VOICEMAIL of 555 0123",
        "Hola, has llamado a Carmen. Deja tu mensaje después del tono.",
        "El número que usted marcó no está disponible",
        "Por favor, deje su mensaje después de la señal",
        "Ha llamado al buzón de voz de Pedro"})
    void voicemailGreetingsMatch(String transcript) {
        assertThat(VoicemailPhrases.find(transcript)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Hello?", "Yes, Anna speaking.", "Hi, this is Mark, who's calling?", "¿Diga?", "Sí, dígame.",
        "You've reached Acme Dental, how can I help you?", "Can I call you back later?", "Hello, is anybody there?",
        "Leaves are falling, message me later", ""})
    void whatPeopleSayDoesNot(String transcript) {
        assertThat(VoicemailPhrases.find(transcript)).isNull();
    }
}
