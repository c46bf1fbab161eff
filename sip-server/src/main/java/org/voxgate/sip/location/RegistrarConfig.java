package org.voxgate.sip.location;

import java.time.Duration;

/**
 * Registrar settings, validated once at construction.
 *
 * @param minExpires shortest registration granted; shorter non-zero requests get 423
 * @param maxExpires longest registration granted; longer requests are shortened to this
 * @param defaultExpires granted when the REGISTER names no expiry
 * @param maxContactsPerAor how many contacts one address of record may hold
 * @param keepAliveInterval how often NATed bindings get an OPTIONS keep-alive; zero disables
 * @param purgeInterval how often expired bindings are purged
 */
public record RegistrarConfig(Duration minExpires, Duration maxExpires, Duration defaultExpires,
        int maxContactsPerAor, Duration keepAliveInterval, Duration purgeInterval) {

    public RegistrarConfig {
        if (minExpires == null || minExpires.isNegative()) {
            throw new IllegalArgumentException("registrar.min-expires-seconds must be zero or positive");
        }
        if (maxExpires == null || maxExpires.compareTo(minExpires) < 0 || maxExpires.isZero()) {
            throw new IllegalArgumentException("registrar.max-expires-seconds must be positive and at least min-expires");
        }
        if (defaultExpires == null || defaultExpires.compareTo(minExpires) < 0 || defaultExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("registrar.default-expires-seconds must lie between min- and max-expires");
        }
        if (maxContactsPerAor < 1) {
            throw new IllegalArgumentException("registrar.max-contacts must be positive");
        }
        if (keepAliveInterval == null || keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("registrar.keep-alive-seconds must be zero or positive");
        }
        if (purgeInterval == null || purgeInterval.isZero() || purgeInterval.isNegative()) {
            throw new IllegalArgumentException("registrar purge interval must be positive");
        }
    }

    /** The defaults documented in conf/voxgate.yaml. */
    public static RegistrarConfig defaults() {
        return new RegistrarConfig(Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(3600), 10,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
