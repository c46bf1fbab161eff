package org.voxgate.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One SIP trunk to a carrier or PBX: where to send calls, how to recognise and authenticate
 * its incoming calls, how to authenticate ours towards it, and its limits.
 *
 * <p>Immutable and thread-safe. Secrets: inbound digest credentials are only HA1 hashes;
 * {@code outboundSecret} is the carrier's password as given, because answering a challenge
 * needs the realm the carrier names at challenge time. It is stored as given, never returned
 * by the API, and never logged: {@link #toString()} leaves it (and the hashes) out.
 *
 * @param name               unique name, letters, digits, {@code .-_}
 * @param peerHost           carrier's SIP host (name or IP); {@code null} for inbound-only trunks
 * @param peerPort           carrier's SIP port
 * @param transport          {@code udp}, {@code tcp} or {@code tls}
 * @param inboundSources     IPs and CIDRs whose INVITEs belong to this trunk without digest
 * @param inboundUsername    digest user the carrier authenticates with, or {@code null}
 * @param inboundHa1Md5      MD5 HA1 of the inbound credentials, or {@code null}
 * @param inboundHa1Sha256   SHA-256 HA1 of the inbound credentials, or {@code null}
 * @param outboundUsername   digest user for the carrier's challenges, or {@code null}
 * @param outboundSecret     digest password for the carrier's challenges, or {@code null}
 * @param registerEnabled    whether to REGISTER to the carrier
 * @param registerExpiry     Expires asked for in REGISTER, in seconds
 * @param fromUser           user part of From on outbound calls, or {@code null}
 * @param fromDomain         host part of From on outbound calls, or {@code null} (the peer host)
 * @param defaultRegion      ISO 3166 region for numbers written without a country code
 * @param codecs             codec names in order of preference, for example {@code PCMA}
 * @param maxCalls           concurrent calls allowed, 0 for no limit
 * @param callsPerSecond     new outbound calls per second allowed, 0 for no limit
 * @param defaultBot         bot for inbound numbers missing from the numbers table, or {@code null}
 * @param enabled            disabled trunks take and place no calls and are not pinged
 */
public record Trunk(
        String name,
        String peerHost,
        int peerPort,
        String transport,
        List<String> inboundSources,
        String inboundUsername,
        String inboundHa1Md5,
        String inboundHa1Sha256,
        String outboundUsername,
        String outboundSecret,
        boolean registerEnabled,
        int registerExpiry,
        String fromUser,
        String fromDomain,
        String defaultRegion,
        List<String> codecs,
        int maxCalls,
        int callsPerSecond,
        String defaultBot,
        boolean enabled) {

    private static final Set<String> TRANSPORTS = Set.of("udp", "tcp", "tls");

    public Trunk {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '-' or '_'");
        }
        transport = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be udp, tcp or tls");
        }
        if (peerPort < 1 || peerPort > 65535) {
            throw new IllegalArgumentException("peerPort must be between 1 and 65535");
        }
        inboundSources = inboundSources == null ? List.of() : List.copyOf(inboundSources);
        codecs = codecs == null || codecs.isEmpty() ? List.of("PCMU", "PCMA") : List.copyOf(codecs);
        defaultRegion = defaultRegion == null ? "US" : defaultRegion.toUpperCase(Locale.ROOT);
        if (registerExpiry < 60 || registerExpiry > 86_400) {
            throw new IllegalArgumentException("registerExpiry must be between 60 and 86400 seconds");
        }
        if (maxCalls < 0) {
            throw new IllegalArgumentException("maxCalls must not be negative");
        }
        if (callsPerSecond < 0) {
            throw new IllegalArgumentException("callsPerSecond must not be negative");
        }
    }

    /** The same trunk with other outbound credentials (the API keeps the stored secret when none is sent). */
    public Trunk withOutboundSecret(String secret) {
        return new Trunk(name, peerHost, peerPort, transport, inboundSources, inboundUsername, inboundHa1Md5,
                inboundHa1Sha256, outboundUsername, secret, registerEnabled, registerExpiry, fromUser, fromDomain,
                defaultRegion, codecs, maxCalls, callsPerSecond, defaultBot, enabled);
    }

    /** The same trunk with other inbound HA1 hashes. */
    public Trunk withInboundHashes(String ha1Md5, String ha1Sha256) {
        return new Trunk(name, peerHost, peerPort, transport, inboundSources, inboundUsername, ha1Md5,
                ha1Sha256, outboundUsername, outboundSecret, registerEnabled, registerExpiry, fromUser, fromDomain,
                defaultRegion, codecs, maxCalls, callsPerSecond, defaultBot, enabled);
    }

    /** Without the secret and the hashes, so that logging a trunk never leaks them. */
    @Override
    public String toString() {
        return "Trunk[name=" + name + ", peer=" + peerHost + ":" + peerPort + ";" + transport
                + ", inboundSources=" + inboundSources + ", inboundUsername=" + inboundUsername
                + ", outboundUsername=" + outboundUsername + ", registerEnabled=" + registerEnabled
                + ", codecs=" + codecs + ", maxCalls=" + maxCalls + ", callsPerSecond=" + callsPerSecond
                + ", defaultBot=" + defaultBot + ", enabled=" + enabled + "]";
    }
}
