package org.voxgate.pipeline.outcome;

import java.util.Locale;

/**
 * Classifies how a call ended into a {@link CallOutcome}. Pure and thread-safe.
 *
 * <p>The inputs are the strings the SIP layer records (the pipeline does not depend on it):
 * the end reason code ({@code caller_hangup}, {@code bot_hangup}, {@code transferred},
 * {@code not_answered}, ...), the setup outcome ({@code ANSWERED}, {@code BUSY},
 * {@code NO_ANSWER}, {@code REJECTED}, {@code CANCELLED}, {@code FAILED}), the final SIP
 * status, and the reason the bot gave when it hung up itself. Rules, first match wins:
 * <ol>
 *   <li>the end reason {@code answering_machine} (detection found one), or the bot's reason
 *       mentions {@code voicemail} or {@code answering_machine}: VOICEMAIL;
 *   <li>{@code transferred}: TRANSFERRED;
 *   <li>a busy setup outcome or SIP 486/600: BUSY;
 *   <li>a no-answer setup outcome or SIP 408/480: NO_ANSWER;
 *   <li>{@code caller_hangup}, {@code callee_hangup} (the person we called hung up),
 *       {@code cancelled} (the caller gave up before answer): CALLER_HUNG_UP;
 *   <li>{@code bot_hangup}, {@code admin_hangup} on an answered call: COMPLETED;
 *   <li>everything else (errors, media or session timeouts, rejection, shutdown, a call
 *       we placed that failed or was aborted): FAILED.
 * </ol>
 */
public final class OutcomeClassifier {

    private OutcomeClassifier() {
    }

    /**
     * @param endReason the end reason code, lower case as recorded
     * @param setupOutcome the setup outcome name, or {@code null}
     * @param sipStatus the final status of the INVITE, or {@code null}
     * @param answered whether the call was answered
     * @param botReason what the bot said when it hung up ({@code CallContext.hangup}), or {@code null}
     */
    public static CallOutcome classify(String endReason, String setupOutcome, Integer sipStatus, boolean answered,
            String botReason) {
        String reason = lower(endReason);
        String setup = lower(setupOutcome);
        String bot = lower(botReason);
        if (reason.equals("answering_machine") || bot.contains("voicemail") || bot.contains("answering_machine")) {
            return CallOutcome.VOICEMAIL;
        }
        if (reason.equals("transferred")) {
            return CallOutcome.TRANSFERRED;
        }
        if (setup.equals("busy") || isStatus(sipStatus, 486, 600)) {
            return CallOutcome.BUSY;
        }
        if (setup.equals("no_answer") || isStatus(sipStatus, 408, 480)) {
            return CallOutcome.NO_ANSWER;
        }
        return switch (reason) {
            case "caller_hangup", "callee_hangup", "cancelled" -> CallOutcome.CALLER_HUNG_UP;
            case "bot_hangup", "admin_hangup" -> answered ? CallOutcome.COMPLETED : CallOutcome.FAILED;
            default -> CallOutcome.FAILED;
        };
    }

    private static boolean isStatus(Integer status, int a, int b) {
        return status != null && (status == a || status == b);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
