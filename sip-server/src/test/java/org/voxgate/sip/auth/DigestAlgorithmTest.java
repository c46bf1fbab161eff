package org.voxgate.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hashing primitive against the published examples of RFC 7616 3.9.1 and RFC 2617 3.5. */
class DigestAlgorithmTest {
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc7616Md5Example() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        assertThat(DigestAlgorithm.MD5.response(ha1, RFC7616_NONCE, "00000001", RFC7616_CNONCE, "auth", "GET",
                "/dir/index.html")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Sha256Example() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        assertThat(DigestAlgorithm.SHA_256.response(ha1, RFC7616_NONCE, "00000001", RFC7616_CNONCE, "auth", "GET",
                "/dir/index.html")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2617Example() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertThat(DigestAlgorithm.MD5.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b",
                "auth", "GET", "/dir/index.html")).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void noQopFormIsHa1NonceHa2() {
        String ha1 = DigestAlgorithm.MD5.ha1("alice", "voxgate", "secret");
        String ha2 = DigestAlgorithm.MD5.hash("REGISTER:sip:voxgate");
        assertThat(DigestAlgorithm.MD5.response(ha1, "abc", "REGISTER", "sip:voxgate"))
                .isEqualTo(DigestAlgorithm.MD5.hash(ha1 + ":abc:" + ha2));
        // well-known MD5 of the empty string, so hash() itself is checked independently
        assertThat(DigestAlgorithm.MD5.hash("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(DigestAlgorithm.SHA_256.hash(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void tokensParseCaseInsensitivelyAndDefaultToMd5() {
        assertThat(DigestAlgorithm.fromToken(null)).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken("MD5-sess")).isEmpty();
    }
}
