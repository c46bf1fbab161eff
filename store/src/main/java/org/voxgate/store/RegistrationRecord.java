package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored registration (binding of a contact to an address of record).
 *
 * <p>Immutable.
 *
 * @param aor address of record, {@code sip:user@realm}
 * @param contact the registered Contact URI
 * @param receivedHost source IP of the REGISTER
 * @param receivedPort source port of the REGISTER
 * @param transport udp, tcp or tls
 * @param expiresAt when it lapses
 * @param callId Call-ID of the REGISTER that last wrote it
 * @param cseq CSeq number of that REGISTER
 * @param userAgent the phone's User-Agent, or null
 * @param q preference 0.0-1.0
 * @param updatedAt when it was last written
 */
public record RegistrationRecord(String aor, String contact, String receivedHost, int receivedPort, String transport,
        Instant expiresAt, String callId, long cseq, String userAgent, float q, Instant updatedAt) {
    public RegistrationRecord {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(receivedHost, "receivedHost");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
