package org.voxgate.sip;

/** The application's answer to an incoming INVITE. */
public sealed interface InviteDecision {

    /** Answer the call and run the named bot on it. */
    record Accept(String bot) implements InviteDecision {}

    /** Refuse the call with a final SIP status (for example 404, 486, 503). */
    record Reject(int status, String reason) implements InviteDecision {
        public Reject {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a rejection needs a 4xx-6xx status: " + status);
            }
        }
    }

    static InviteDecision accept(String bot) { return new Accept(bot); }

    static InviteDecision reject(int status, String reason) { return new Reject(status, reason); }
}
