package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.auth.DigestAlgorithm;
import org.voxgate.store.SipUser;

/**
 * The store hashes passwords itself (it may not depend on sip-server): its HA1s must be the
 * very ones the SIP server's digest verifier computes, or no phone could register.
 */
class SipUserHashesTest {
    @Test
    void storeAndSipServerAgreeOnHa1() {
        SipUser user = SipUser.create("Mufasa", "http-auth@example.org", "Circle of Life", null, true, Instant.EPOCH);
        assertThat(user.ha1Md5()).isEqualTo(DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life"));
        assertThat(user.ha1Sha256())
                .isEqualTo(DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life"));
        // and through the RFC 7616 3.9.1 example's published SHA-256 response
        assertThat(DigestAlgorithm.SHA_256.response(user.ha1Sha256(), "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }
}
