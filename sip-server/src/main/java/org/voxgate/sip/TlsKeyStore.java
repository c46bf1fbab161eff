package org.voxgate.sip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the PEM certificate and key of {@link TlsConfig} into the key store file JAIN-SIP's
 * TLS layer reads: a PKCS#12 file in a private temporary directory with a random password,
 * deleted by {@link #close()}.
 *
 * <p>Threading: created and closed by {@link SipServer} on its start/stop thread.
 */
final class TlsKeyStore implements AutoCloseable {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    final Path file;
    final String password;

    private TlsKeyStore(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /**
     * @throws IllegalArgumentException naming the config key when a file cannot be read or
     *     holds no usable certificate or PKCS#8 key
     */
    static TlsKeyStore fromPem(TlsConfig config) {
        config.requireFiles();
        List<Certificate> chain = new ArrayList<>();
        PrivateKey key;
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(Files.readString(config.certFile()), "CERTIFICATE")) {
                chain.add(certificates.generateCertificate(new ByteArrayInputStream(der)));
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("sip.tls.cert-file holds no PEM CERTIFICATE: " + config.certFile());
            }
            List<byte[]> keys = blocks(Files.readString(config.keyFile()), "PRIVATE KEY");
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("sip.tls.key-file holds no unencrypted PKCS#8 'PRIVATE KEY' block"
                        + " (convert with: openssl pkcs8 -topk8 -nocrypt): " + config.keyFile());
            }
            key = privateKey(keys.get(0), chain.get(0).getPublicKey().getAlgorithm());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("sip.tls.cert-file / sip.tls.key-file unusable: " + e.getMessage(), e);
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("voxgate", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            Path dir = Files.createTempDirectory("voxgate-tls",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = dir.resolve("keystore.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new TlsKeyStore(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not build the TLS key store: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] der, String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static List<byte[]> blocks(String pem, String type) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                blocks.add(Base64.getMimeDecoder().decode(m.group(2).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return blocks;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
