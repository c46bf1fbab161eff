package org.voxgate.sip;

/** The application's answer to an incoming INVITE. */
public sealed interface InviteDecision {

    /**
     * Answer the call and run the named bot on it.
     *
     * @param codecs codecs to accept, most preferred first (the trunk's, bot's or node's
     *     order); the answer picks by this order among what the offer has. {@code null}
     *     accepts every codec we support in the offer's own order.
     */
    record Accept(String bot, java.util.List<org.voxgate.media.Codec> codecs) implements InviteDecision {
        public Accept {
            codecs = codecs == null ? null : java.util.List.copyOf(codecs);
        }

        public Accept(String bot) {
            this(bot, null);
        }
    }

    /** Refuse the call with a final SIP status (for example 404, 486, 503). */
    record Reject(int status, String reason) implements InviteDecision {
        public Reject {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a rejection needs a 4xx-6xx status: " + status);
            }
        }
    }

    static InviteDecision accept(String bot) { return new Accept(bot); }

    static InviteDecision accept(String bot, java.util.List<org.voxgate.media.Codec> codecs) {
        return new Accept(bot, codecs);
    }

    static InviteDecision reject(int status, String reason) { return new Reject(status, reason); }
}
