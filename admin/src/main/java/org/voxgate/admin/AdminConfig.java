package org.voxgate.admin;

/**
 * Where the admin HTTP server listens, validated once on construction.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bindAddress {@code admin.bindAddress}: interface to bind, e.g. {@code 127.0.0.1}
 *                    (recommended unless a proxy in front handles authentication)
 * @param port        {@code admin.port}: TCP port, 0 to let the system pick a free one (tests)
 */
public record AdminConfig(String bindAddress, int port) {

    public AdminConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("admin.bindAddress must not be blank");
        }
        bindAddress = bindAddress.strip();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "admin.port must be between 0 and 65535 (was " + port + ")");
        }
    }
}
