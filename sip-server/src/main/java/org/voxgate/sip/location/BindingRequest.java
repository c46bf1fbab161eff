package org.voxgate.sip.location;

import java.util.List;
import java.util.Objects;

/**
 * An authenticated REGISTER reduced to what the location service needs.
 *
 * <p>Immutable.
 *
 * @param aor the address of record being changed
 * @param contacts the contacts to add, refresh or (expires 0) remove; empty with
 *     {@code removeAll} or for a query
 * @param removeAll true for {@code Contact: *} with {@code Expires: 0}
 * @param callId the REGISTER's Call-ID
 * @param cseq the REGISTER's CSeq number
 * @param receivedHost source IP of the REGISTER
 * @param receivedPort source port of the REGISTER
 * @param transport transport it came over, lower case
 * @param userAgent its User-Agent, or null
 */
public record BindingRequest(String aor, List<ContactUpdate> contacts, boolean removeAll, String callId, long cseq,
        String receivedHost, int receivedPort, String transport, String userAgent) {
    public BindingRequest {
        Objects.requireNonNull(aor, "aor");
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(receivedHost, "receivedHost");
        Objects.requireNonNull(transport, "transport");
    }
}
