package org.voxgate.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's schedule, pacing and policies (stored as one JSON document in
 * {@code campaigns.settings}).
 *
 * <p>Immutable and thread-safe; collections are unmodifiable copies.
 *
 * @param windows        when contacts may be called; empty (or {@code null}) means any time
 * @param startDate      first day of calling in the campaign's zone, or {@code null}
 * @param endDate        last day of calling in the campaign's zone, or {@code null}; not before
 *                       {@code startDate}
 * @param callsPerSecond dial starts per real second across all nodes, 1..1000
 * @param maxConcurrent  calls in progress at once across all nodes, 1..10000
 * @param retries        retry rule per outcome, keys from {@link #RETRYABLE}; a missing key
 *                       means no retry; {@code null} means none
 * @param voicemail      what to do on a machine; {@code null} means hang up
 * @param amd            answering-machine detection; {@code null} means disabled
 */
public record CampaignSettings(List<CallingWindow> windows, LocalDate startDate, LocalDate endDate,
        int callsPerSecond, int maxConcurrent, Map<String, RetryRule> retries, VoicemailPolicy voicemail,
        AmdSettings amd) {

    /** The outcomes a retry rule may be given for. */
    public static final Set<String> RETRYABLE = Set.of("BUSY", "NO_ANSWER", "VOICEMAIL", "FAILED");

    public CampaignSettings {
        if (windows == null) {
            windows = List.of();
        }
        if (windows.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("windows must not contain null");
        }
        windows = List.copyOf(windows);
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate must not be before startDate (were " + startDate + ", "
                    + endDate + ")");
        }
        if (callsPerSecond < 1 || callsPerSecond > 1000) {
            throw new IllegalArgumentException("pacing.callsPerSecond must be 1..1000 (was " + callsPerSecond + ")");
        }
        if (maxConcurrent < 1 || maxConcurrent > 10_000) {
            throw new IllegalArgumentException("pacing.maxConcurrent must be 1..10000 (was " + maxConcurrent + ")");
        }
        if (retries == null) {
            retries = Map.of();
        }
        for (Map.Entry<String, RetryRule> e : retries.entrySet()) {
            if (!RETRYABLE.contains(e.getKey())) {
                throw new IllegalArgumentException("retries." + e.getKey()
                        + " is not retryable (use BUSY, NO_ANSWER, VOICEMAIL or FAILED)");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("retries." + e.getKey() + " must not be null");
            }
        }
        retries = Map.copyOf(retries);
        if (voicemail == null) {
            voicemail = new VoicemailPolicy(VoicemailPolicy.Action.HANG_UP, null);
        }
        if (amd == null) {
            amd = new AmdSettings(false, AmdSettings.Classifier.NONE);
        }
    }
}
