package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.sip.auth.CredentialLookup;
import org.voxgate.sip.auth.DigestAlgorithm;
import org.voxgate.sip.auth.DigestChallenge;
import org.voxgate.sip.auth.DigestCredentials;
import org.voxgate.sip.auth.DigestVerifier;
import org.voxgate.sip.auth.SipPrincipal;
import org.voxgate.sip.location.Binding;
import org.voxgate.sip.location.LocationService;
import org.voxgate.sip.location.MemoryLocationStore;
import org.voxgate.sip.location.RegistrarConfig;
import org.voxgate.sip.testing.MutableClock;

/**
 * The registrar on a real loopback SIP server, driven by hand-written REGISTERs that answer
 * the server's digest challenges like a phone.
 */
class RegistrarTest {
    private static final String REALM = "voxgate.test";

    private final MutableClock locationClock = new MutableClock(System.currentTimeMillis());
    private final MutableClock digestClock = new MutableClock(System.currentTimeMillis());
    private final MemoryLocationStore store = new MemoryLocationStore();
    private final CredentialLookup users = (username, realm) -> switch (username) {
        case "alice", "bob" -> Optional.of(DigestCredentials.fromPassword(SipPrincipal.user(username), username, realm, "pw-" + username));
        case "carrier" -> Optional.of(DigestCredentials.fromPassword(SipPrincipal.trunk("t1"), username, realm, "pw-carrier"));
        default -> Optional.empty();
    };
    private LocationService location;
    private SipServer server;
    private RtpMediaEngine media;
    private SipProbe probe;
    private int port;
    private int cseq;
    private final String callId = UUID.randomUUID() + "@probe";

    @BeforeEach
    void start() throws Exception {
        port = SipServerTest.freePort();
        int rtpBase = SipServerTest.freeUdpRange(4);
        media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", rtpBase, rtpBase + 3,
                Duration.ofSeconds(30)), Clock.systemUTC()).start();
        SipConfig config = new SipConfig("127.0.0.1", "127.0.0.1", port, List.of("udp"), true,
                Duration.ZERO, "Voxgate-test", Duration.ofMillis(200));
        location = new LocationService(store, REALM, 3, locationClock);
        RegistrarConfig registrar = new RegistrarConfig(Duration.ofSeconds(60), Duration.ofSeconds(3600),
                Duration.ofSeconds(1800), 3, Duration.ofMillis(300), Duration.ofSeconds(30));
        DigestVerifier digest = new DigestVerifier(REALM, Duration.ofSeconds(300), 1000, users, digestClock,
                new SecureRandom());
        server = SipServer.builder(config, media, null, new SimpleMeterRegistry(), Clock.systemUTC())
                .registrar(new RegistrarServices(registrar, digest, location)).build();
        server.start();
        probe = new SipProbe(port);
    }

    @AfterEach
    void stop() {
        probe.close();
        server.close();
        media.close();
    }

    private String register(String user, String headers) {
        cseq++;
        return "REGISTER sip:" + REALM + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";rport;branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "From: <sip:" + user + "@" + REALM + ">;tag=reg1\r\n"
                + "To: <sip:" + user + "@" + REALM + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\nMax-Forwards: 70\r\n"
                + "User-Agent: probe/1.0\r\n" + headers + "Content-Length: 0\r\n\r\n";
    }

    /** Sends the REGISTER unauthenticated, answers the challenge with {@code password}, returns the answer. */
    private String registerWithDigest(String user, String password, DigestAlgorithm algorithm, String headers)
            throws IOException {
        probe.sendRaw(register(user, headers));
        String challenge = response();
        assertThat(SipProbe.status(challenge)).isEqualTo(401);
        DigestChallenge offered = challenges(challenge).stream().filter(c -> c.algorithm() == algorithm).findFirst()
                .orElseThrow();
        String auth = offered.authorization(user, password, "REGISTER", "sip:" + REALM, "cn" + cseq, 1);
        probe.sendRaw(register(user, headers + "Authorization: " + auth + "\r\n"));
        return response();
    }

    /** The next response, skipping the keep-alive OPTIONS the server may send meanwhile. */
    private String response() throws IOException {
        while (true) {
            String message = probe.receive();
            if (message == null || message.startsWith("SIP/2.0 ")) {
                return message;
            }
        }
    }

    private static List<DigestChallenge> challenges(String response) {
        List<DigestChallenge> out = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17)) {
                out.add(DigestChallenge.parse(line).orElseThrow());
            }
        }
        return out;
    }

    private static List<String> contacts(String response) {
        List<String> out = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "Contact:", 0, 8) || line.startsWith("m:")) {
                for (String contact : line.substring(line.indexOf(':') + 1).split(",\\s*(?=<)")) {
                    out.add(contact.strip());
                }
            }
        }
        return out;
    }

    @Test
    void anUnauthenticatedRegisterIsChallengedWithSha256ThenMd5() throws IOException {
        probe.sendRaw(register("alice", "Contact: <sip:alice@127.0.0.1:" + 5999 + ">\r\n"));
        String response = response();
        assertThat(SipProbe.status(response)).isEqualTo(401);
        assertThat(challenges(response)).extracting(DigestChallenge::algorithm)
                .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(location.lookupUser("alice")).isEmpty();
    }

    @Test
    void registersWithEitherAlgorithmAndKeepsTheSourceAddress() throws IOException {
        String ok = registerWithDigest("alice", "pw-alice", DigestAlgorithm.SHA_256,
                "Contact: <sip:alice@10.0.0.7:5060>\r\nExpires: 600\r\n");
        assertThat(SipProbe.status(ok)).isEqualTo(200);
        assertThat(contacts(ok)).singleElement().satisfies(c -> assertThat(c).contains("sip:alice@10.0.0.7:5060", "expires=600"));
        assertThat(SipProbe.header(ok, "Date")).isNotNull();
        Binding binding = location.lookupUser("alice").getFirst();
        assertThat(binding.target().getPort()).isEqualTo(probe.port());
        assertThat(binding.transport()).isEqualTo("udp");
        assertThat(binding.userAgent()).isEqualTo("probe/1.0");
        assertThat(binding.behindNat()).isTrue();
        assertThat(store.rows).hasSize(1);

        String md5 = registerWithDigest("bob", "pw-bob", DigestAlgorithm.MD5, "Contact: <sip:bob@127.0.0.1:6000>\r\n");
        assertThat(SipProbe.status(md5)).isEqualTo(200);
        assertThat(contacts(md5)).singleElement().satisfies(c -> assertThat(c).contains("expires=1800"));
    }

    @Test
    void aRightAnswerToANonceOlderThanItsLifetimeGetsAStaleChallenge() throws IOException {
        String contact = "Contact: <sip:alice@127.0.0.1:6000>\r\n";
        probe.sendRaw(register("alice", contact));
        DigestChallenge old = challenges(response()).getLast();
        digestClock.advanceMillis(301_000);
        String auth = old.authorization("alice", "pw-alice", "REGISTER", "sip:" + REALM, "c", 1);
        probe.sendRaw(register("alice", contact + "Authorization: " + auth + "\r\n"));
        String stale = response();
        assertThat(SipProbe.status(stale)).isEqualTo(401);
        assertThat(challenges(stale)).allSatisfy(c -> assertThat(c.stale()).isTrue());
        DigestChallenge fresh = challenges(stale).getLast();
        probe.sendRaw(register("alice", contact + "Authorization: "
                + fresh.authorization("alice", "pw-alice", "REGISTER", "sip:" + REALM, "c", 1) + "\r\n"));
        assertThat(SipProbe.status(response())).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsChallengedAgain() throws IOException {
        String response = registerWithDigest("alice", "guess", DigestAlgorithm.MD5, "Contact: <sip:alice@127.0.0.1:6000>\r\n");
        assertThat(SipProbe.status(response)).isEqualTo(401);
        assertThat(location.lookupUser("alice")).isEmpty();
    }

    @Test
    void aTrunkOrAnotherUsersCredentialsMayNotRegisterAnAor() throws IOException {
        probe.sendRaw(register("alice", "Contact: <sip:alice@127.0.0.1:6000>\r\n"));
        DigestChallenge c = challenges(response()).getLast();
        String auth = c.authorization("bob", "pw-bob", "REGISTER", "sip:" + REALM, "x", 1);
        probe.sendRaw(register("alice", "Contact: <sip:alice@127.0.0.1:6000>\r\nAuthorization: " + auth + "\r\n"));
        assertThat(SipProbe.status(response())).isEqualTo(403);
    }

    @Test
    void expiresBelowTheMinimumGets423AndAboveTheMaximumIsCapped() throws IOException {
        String brief = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@127.0.0.1:6000>\r\nExpires: 30\r\n");
        assertThat(SipProbe.status(brief)).isEqualTo(423);
        assertThat(SipProbe.header(brief, "Min-Expires")).isEqualTo("60");
        String capped = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@127.0.0.1:6000>;expires=7200\r\nExpires: 60\r\n");
        assertThat(contacts(capped)).singleElement().satisfies(c -> assertThat(c).contains("expires=3600"));
    }

    @Test
    void severalContactsThenRemovalByExpiresZeroAndByWildcard() throws IOException {
        String two = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@127.0.0.1:6001>, <sip:alice@127.0.0.1:6002>;q=0.5\r\n");
        assertThat(contacts(two)).hasSize(2);
        String one = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@127.0.0.1:6001>;expires=0\r\n");
        assertThat(contacts(one)).singleElement().satisfies(c -> assertThat(c).contains("6002"));
        String query = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5, "");
        assertThat(contacts(query)).hasSize(1);
        String badWildcard = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5, "Contact: *\r\nExpires: 60\r\n");
        assertThat(SipProbe.status(badWildcard)).isEqualTo(400);
        String none = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5, "Contact: *\r\nExpires: 0\r\n");
        assertThat(SipProbe.status(none)).isEqualTo(200);
        assertThat(contacts(none)).isEmpty();
        assertThat(location.lookupUser("alice")).isEmpty();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void aMalformedContactIsRefusedRatherThanTakenForAQuery() throws IOException {
        String response = registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5, "Contact: <sip:alice@127.0.0.1:6001\r\n");
        assertThat(SipProbe.status(response)).isEqualTo(400);
        assertThat(location.lookupUser("alice")).isEmpty();
    }

    @Test
    void aLowerCSeqOnTheSameCallIdIsRefused() throws IOException {
        cseq = 10;
        assertThat(SipProbe.status(registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@127.0.0.1:6001>\r\n"))).isEqualTo(200);
        cseq = 2;
        assertThat(SipProbe.status(registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@127.0.0.1:6001>;expires=0\r\n"))).isEqualTo(400);
        assertThat(location.lookupUser("alice")).hasSize(1);
    }

    @Test
    void aNatedBindingGetsOptionsKeepAlivesAtItsSourceAddress() throws IOException {
        assertThat(SipProbe.status(registerWithDigest("alice", "pw-alice", DigestAlgorithm.MD5,
                "Contact: <sip:alice@10.0.0.7:5060>\r\n"))).isEqualTo(200);
        String keepAlive = null;
        for (int i = 0; i < 5 && keepAlive == null; i++) {
            String message = probe.receive();
            if (message != null && message.startsWith("OPTIONS ")) {
                keepAlive = message;
            }
        }
        assertThat(keepAlive).startsWith("OPTIONS sip:alice@10.0.0.7:5060 SIP/2.0");
    }
}
