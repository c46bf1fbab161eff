package org.voxgate.pipeline.offline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receptionist's dialogue: greet, offer an appointment, confirm it, say goodbye; or hand
 * the caller to an operator (back to the greeting if nobody takes the call).
 */
final class ReceptionistFlow {
    static final String GREET = "GREET";
    static final String OFFER = "OFFER";
    static final String CONFIRM = "CONFIRM";
    static final String GOODBYE = "GOODBYE";
    static final String TRANSFER = "TRANSFER";
    static final String WARM_TRANSFER = "WARM_TRANSFER";
    static final String NO_OPERATOR = "NO_OPERATOR";

    private ReceptionistFlow() {}

    static FlowDefinition definition() {
        // Phrases double as the recogniser's grammar: each is a way a caller might answer,
        // and every word must be in the pronunciation dictionary.
        Map<String, String> greetPhrases = new LinkedHashMap<>();
        greetPhrases.put("book an appointment", OFFER);
        greetPhrases.put("make an appointment", OFFER);
        greetPhrases.put("i would like an appointment", OFFER);
        greetPhrases.put("appointment", OFFER);
        greetPhrases.put("operator", TRANSFER);
        greetPhrases.put("speak to an operator", TRANSFER);
        greetPhrases.put("talk to a person", TRANSFER);
        greetPhrases.put("supervisor", WARM_TRANSFER);
        greetPhrases.put("goodbye", GOODBYE);
        greetPhrases.put("no thank you", GOODBYE);

        Map<String, String> offerPhrases = new LinkedHashMap<>();
        offerPhrases.put("yes", CONFIRM);
        offerPhrases.put("yes please", CONFIRM);
        offerPhrases.put("no", GOODBYE);
        offerPhrases.put("no thanks", GOODBYE);
        offerPhrases.put("goodbye", GOODBYE);

        return FlowDefinition.of(GREET, GOODBYE,
                "Sorry, I did not catch that.",
                "Sorry, I did not hear anything.",
                List.of(
                        new FlowState(GREET, "Hello, thank you for calling Voxgate. How can I help you?"
                                + " Say appointment to book an appointment, or press 1."
                                + " Say operator, or press 0, to speak to a person.",
                                greetPhrases, Map.of('1', OFFER, '0', TRANSFER, '9', WARM_TRANSFER), null, false),
                        new FlowState(OFFER, "I can offer tomorrow at ten a.m. Shall I book it?"
                                + " Say yes or press 1, say no or press 2.",
                                offerPhrases, Map.of('1', CONFIRM, '2', GOODBYE), null, false),
                        new FlowState(CONFIRM, "Your appointment is booked for tomorrow at ten a.m.",
                                Map.of(), Map.of(), GOODBYE, false),
                        new FlowState(TRANSFER, "Please hold while I transfer you.",
                                Map.of(), Map.of(), NO_OPERATOR, false, FlowState.Transfer.BLIND),
                        // Unannounced in the greeting: a supervisor is fetched before the
                        // caller is put through, so nobody is sent into an unanswered line.
                        new FlowState(WARM_TRANSFER, "Please hold while I find someone for you.",
                                Map.of(), Map.of(), NO_OPERATOR, false, FlowState.Transfer.WARM),
                        new FlowState(NO_OPERATOR, "Sorry, nobody can take your call right now.",
                                Map.of(), Map.of(), GREET, false),
                        new FlowState(GOODBYE, "Thank you for calling. Goodbye.",
                                Map.of(), Map.of(), null, true)));
    }
}
