package org.voxgate.sip.location;

import java.util.List;

/**
 * What a REGISTER did to an address of record.
 *
 * <p>Immutable.
 */
public sealed interface RegisterOutcome {
    /**
     * Applied: every binding the AOR now has, for the 200's Contact list, and the instant the
     * change was made at (to report each binding's remaining seconds against).
     */
    record Applied(List<Binding> bindings, java.time.Instant at) implements RegisterOutcome {
        public Applied {
            bindings = List.copyOf(bindings);
        }
    }

    /**
     * Refused under RFC 3261 10.3 step 6: a binding with the same Call-ID holds an equal or
     * higher CSeq, so this request is old or replayed. Nothing was changed.
     */
    record OutOfOrder(String contact) implements RegisterOutcome {}

    /** Refused: the AOR would hold more contacts than allowed. Nothing was changed. */
    record TooManyContacts(int limit) implements RegisterOutcome {}
}
