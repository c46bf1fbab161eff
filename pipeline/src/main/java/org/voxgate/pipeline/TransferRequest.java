package org.voxgate.pipeline;

/**
 * A bot's request to hand its caller to someone else (a human operator, another number).
 *
 * @param target where to: a phone number, a SIP user name or a SIP URI; {@code null} means the
 *     operator configured for this bot
 * @param warm {@code true} to consult the target on a second call first and join the two calls
 *     once it answers (the caller never hears a failed attempt); {@code false} for a blind
 *     transfer
 * @param listener told when the transfer fails, so the bot can take the caller back
 */
public record TransferRequest(String target, boolean warm, TransferListener listener) {
    public TransferRequest {
        if (listener == null) {
            throw new IllegalArgumentException("a transfer needs a listener for its failure");
        }
    }

    /** What a bot hears back about a transfer it asked for. */
    @FunctionalInterface
    public interface TransferListener {
        /**
         * The caller is still on this call with the bot: nobody answered, the target refused,
         * or no target is configured. Called at most once, on any thread; must not block.
         */
        void onTransferFailed(String reason);
    }
}
