package org.voxgate.sip;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * SIP signalling settings, validated once at construction.
 *
 * @param bindAddress address the SIP sockets listen on (for example 0.0.0.0)
 * @param advertisedHost address or name put in Contact headers (and, by the media layer, in SDP)
 * @param port SIP port for every transport
 * @param transports transports to listen on: {@code udp}, {@code tcp}, {@code tls} (on the TLS
 *     port of {@link DialogConfig#tls()})
 * @param sendRinging whether to send 180 Ringing before answering
 * @param answerDelay how long to ring before answering (zero answers at once)
 * @param userAgent value of the Server and User-Agent headers
 * @param shutdownGrace how long shutdown waits for BYE transactions to finish
 */
public record SipConfig(
        String bindAddress,
        String advertisedHost,
        int port,
        List<String> transports,
        boolean sendRinging,
        Duration answerDelay,
        String userAgent,
        Duration shutdownGrace) {

    public SipConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("sip.bind-address must not be empty");
        }
        if (advertisedHost == null || advertisedHost.isBlank()) {
            throw new IllegalArgumentException("sip.host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sip.port must be between 1 and 65535: " + port);
        }
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException("sip.transports must name at least one transport");
        }
        transports = transports.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
                throw new IllegalArgumentException("sip.transports: unsupported transport " + t);
            }
        }
        if (answerDelay == null || answerDelay.isNegative()) {
            throw new IllegalArgumentException("sip.answer-delay must be zero or positive");
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("sip.shutdown-grace must be zero or positive");
        }
    }
}
