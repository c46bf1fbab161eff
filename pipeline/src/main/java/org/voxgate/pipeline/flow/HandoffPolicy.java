package org.voxgate.pipeline.flow;

import java.util.List;

/**
 * When and how a bot hands its caller to a person (skillbase {@code handoff}).
 *
 * <p>Triggers, each checked on the caller's finished turn: one of the {@code keywords} in their
 * words; {@code afterMisunderstandings} misunderstood turns in a row (see
 * {@link FlowConversation} for what counts); a clearly negative turn when
 * {@code onNegativeSentiment} ({@link SentimentScorer}); and, when {@code onExplicitRequest}, the
 * model's own {@code transfer_to_human} tool. The bot says {@code message} and then transfers.
 *
 * <p>Threading: immutable.
 *
 * @param target SIP URI, SIP user or number; {@code null} for the bot's configured operator
 * @param warm {@code true} for a warm transfer (the person is consulted first), else blind
 * @param keywords words or phrases that ask for a person
 * @param afterMisunderstandings misunderstood turns in a row before handing over; 0 = never
 * @param onNegativeSentiment hand over on a clearly negative caller turn
 * @param onExplicitRequest the model may hand over when the caller asks for a person
 * @param message said before the transfer (may be empty)
 */
public record HandoffPolicy(String target, boolean warm, List<String> keywords, int afterMisunderstandings,
        boolean onNegativeSentiment, boolean onExplicitRequest, String message) {

    /** The policy when a skillbase has no {@code handoff}: only an explicit request hands over. */
    public static final HandoffPolicy DEFAULT = new HandoffPolicy(null, false, List.of(), 0, false, true, "");

    public HandoffPolicy {
        target = target == null || target.isBlank() ? null : target.strip();
        keywords = keywords == null ? List.of() : keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        if (afterMisunderstandings < 0 || afterMisunderstandings > 20) {
            throw new IllegalArgumentException("handoff afterMisunderstandings must be 0-20, was " + afterMisunderstandings);
        }
        message = message == null ? "" : message.strip();
    }
}
