package org.voxgate.sip;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS (SIPS) listening point, used when {@code sip.transports} names {@code tls}.
 *
 * @param port TLS port (5061 by convention); TCP and TLS cannot share a port
 * @param certFile PEM file with the server certificate, then any intermediates
 * @param keyFile PEM file with the certificate's private key, unencrypted PKCS#8
 *     ({@code BEGIN PRIVATE KEY}, as {@code openssl genpkey} and {@code openssl req -newkey}
 *     write it)
 */
public record TlsConfig(int port, Path certFile, Path keyFile) {

    public TlsConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sip.tls.port must be between 1 and 65535: " + port);
        }
    }

    /** Checks that both files are readable; called only when TLS is enabled. */
    void requireFiles() {
        if (certFile == null || !Files.isReadable(certFile)) {
            throw new IllegalArgumentException("sip.tls.cert-file is not a readable file: " + certFile);
        }
        if (keyFile == null || !Files.isReadable(keyFile)) {
            throw new IllegalArgumentException("sip.tls.key-file is not a readable file: " + keyFile);
        }
    }

    /** Port 5061 and no files: fine while TLS is not among the transports. */
    public static TlsConfig disabled() {
        return new TlsConfig(5061, null, null);
    }
}
