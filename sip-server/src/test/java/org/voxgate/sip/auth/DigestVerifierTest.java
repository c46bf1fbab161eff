package org.voxgate.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.testing.MutableClock;

/**
 * The verifier on real JAIN-SIP requests: a client answers its challenges with
 * {@link DigestChallenge#authorization}, the way a phone would.
 */
class DigestVerifierTest {
    private static final String REALM = "voxgate.test";
    private static final String URI = "sip:voxgate.test";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final CredentialLookup lookup = (username, realm) -> switch (username) {
        case "alice" -> Optional.of(DigestCredentials.fromPassword(SipPrincipal.user("alice"), "alice", realm, "wonderland"));
        case "carrier" -> Optional.of(new DigestCredentials(SipPrincipal.trunk("t1"),
                DigestAlgorithm.MD5.ha1("carrier", realm, "trunkpw"), null));
        default -> Optional.empty();
    };
    private final DigestVerifier verifier = new DigestVerifier(REALM, Duration.ofSeconds(60), 1000, lookup, clock,
            new SecureRandom());

    @Test
    void challengesOfferSha256ThenMd5WithQopAuth() throws Exception {
        Response response = new MessageFactoryImpl().createResponse(401, request("REGISTER", List.of()));
        verifier.addChallenges(response, new HeaderFactoryImpl(), ChallengeKind.WWW, false);
        List<DigestChallenge> offered = new ArrayList<>();
        ListIterator<?> it = response.getHeaders("WWW-Authenticate");
        while (it.hasNext()) {
            offered.add(DigestChallenge.parse(((Header) it.next()).toString()).orElseThrow());
        }
        assertThat(offered).extracting(DigestChallenge::algorithm)
                .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(offered).allSatisfy(c -> {
            assertThat(c.realm()).isEqualTo(REALM);
            assertThat(c.qops()).containsExactly("auth");
            assertThat(c.stale()).isFalse();
        });
        assertThat(DigestChallenge.parse(verifier.challenges(true).get(0)).orElseThrow().stale()).isTrue();
    }

    @Test
    void anMd5FirstVerifierOffersThatOrderAndAMd5OnlyOneRefusesSha256() throws Exception {
        DigestVerifier md5First = new DigestVerifier(REALM, Duration.ofSeconds(60), 10, lookup, clock, new SecureRandom(),
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256));
        assertThat(md5First.challenges(false)).extracting(v -> DigestChallenge.parse(v).orElseThrow().algorithm())
                .containsExactly(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
        DigestVerifier md5Only = new DigestVerifier(REALM, Duration.ofSeconds(60), 10, lookup, clock, new SecureRandom(),
                List.of(DigestAlgorithm.MD5));
        DigestChallenge offered = DigestChallenge.parse(md5Only.challenges(false).getFirst()).orElseThrow();
        DigestChallenge asSha = new DigestChallenge(REALM, offered.nonce(), null, DigestAlgorithm.SHA_256, List.of("auth"), false);
        assertThat(md5Only.verify(withAuth("Authorization", asSha.authorization("alice", "wonderland", "REGISTER", URI, "c", 1)),
                ChallengeKind.WWW)).isInstanceOf(DigestResult.Challenge.class);
        assertThat(md5Only.verify(withAuth("Authorization", offered.authorization("alice", "wonderland", "REGISTER", URI, "c", 1)),
                ChallengeKind.WWW)).isInstanceOf(DigestResult.Authenticated.class);
    }

    @Test
    void chainedLookupsAnswerWithTheFirstThatKnowsTheName() {
        CredentialLookup trunks = (username, realm) -> username.equals("pbx")
                ? Optional.of(DigestCredentials.fromPassword(SipPrincipal.trunk("t9"), username, realm, "x"))
                : Optional.empty();
        CredentialLookup both = CredentialLookup.firstOf(lookup, trunks);
        assertThat(both.find("alice", REALM).orElseThrow().principal()).isEqualTo(SipPrincipal.user("alice"));
        assertThat(both.find("pbx", REALM).orElseThrow().principal()).isEqualTo(SipPrincipal.trunk("t9"));
        assertThat(both.find("nobody", REALM)).isEmpty();
    }

    @Test
    void noCredentialsIsAChallenge() throws Exception {
        assertThat(verifier.verify(request("REGISTER", List.of()), ChallengeKind.WWW))
                .isEqualTo(new DigestResult.Challenge(false, "no credentials for realm " + REALM, null));
    }

    @Test
    void rightAnswersAuthenticateWithEitherAlgorithm() throws Exception {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            DigestChallenge challenge = challenge(algorithm);
            DigestResult result = verifier.verify(
                    withAuth("Authorization", challenge.authorization("alice", "wonderland", "REGISTER", URI, "c1", 1)),
                    ChallengeKind.WWW);
            assertThat(result).isEqualTo(new DigestResult.Authenticated(SipPrincipal.user("alice"), "alice", algorithm));
        }
    }

    @Test
    void aTrunkAuthenticatesThroughProxyAuthorization() throws Exception {
        String auth = challenge(DigestAlgorithm.MD5).authorization("carrier", "trunkpw", "INVITE", URI, "c", 1);
        Request invite = request("INVITE", List.of("Proxy-Authorization: " + auth));
        assertThat(verifier.verify(invite, ChallengeKind.PROXY)).isInstanceOfSatisfying(DigestResult.Authenticated.class,
                a -> assertThat(a.principal()).isEqualTo(SipPrincipal.trunk("t1")));
        // the trunk has no SHA-256 HA1 stored, so SHA-256 is refused for it
        String sha = challenge(DigestAlgorithm.SHA_256).authorization("carrier", "trunkpw", "INVITE", URI, "c", 1);
        assertThat(verifier.verify(request("INVITE", List.of("Proxy-Authorization: " + sha)), ChallengeKind.PROXY))
                .isInstanceOf(DigestResult.Challenge.class);
    }

    @Test
    void aWrongPasswordOrUnknownUserIsChallengedAgainNotStale() throws Exception {
        DigestChallenge challenge = challenge(DigestAlgorithm.MD5);
        DigestResult wrong = verifier.verify(
                withAuth("Authorization", challenge.authorization("alice", "guess", "REGISTER", URI, "c1", 1)), ChallengeKind.WWW);
        assertThat(wrong).isInstanceOfSatisfying(DigestResult.Challenge.class, c -> {
            assertThat(c.stale()).isFalse();
            assertThat(c.username()).isEqualTo("alice");
        });
        DigestResult unknown = verifier.verify(
                withAuth("Authorization", challenge.authorization("mallory", "x", "REGISTER", URI, "c1", 1)), ChallengeKind.WWW);
        assertThat(unknown).isInstanceOfSatisfying(DigestResult.Challenge.class, c -> assertThat(c.stale()).isFalse());
    }

    @Test
    void aReplayedNonceCountIsRefusedAsStaleAndAHigherOneAccepted() throws Exception {
        DigestChallenge challenge = challenge(DigestAlgorithm.SHA_256);
        Request first = withAuth("Authorization", challenge.authorization("alice", "wonderland", "REGISTER", URI, "c1", 1));
        assertThat(verifier.verify(first, ChallengeKind.WWW)).isInstanceOf(DigestResult.Authenticated.class);
        assertThat(verifier.verify(first, ChallengeKind.WWW))
                .isInstanceOfSatisfying(DigestResult.Challenge.class, c -> assertThat(c.stale()).isTrue());
        Request second = withAuth("Authorization", challenge.authorization("alice", "wonderland", "REGISTER", URI, "c2", 2));
        assertThat(verifier.verify(second, ChallengeKind.WWW)).isInstanceOf(DigestResult.Authenticated.class);
        assertThat(verifier.trackedNonces()).isEqualTo(1);
    }

    @Test
    void aRightAnswerToAnOldNonceIsStale() throws Exception {
        DigestChallenge challenge = challenge(DigestAlgorithm.MD5);
        clock.advanceMillis(61_000);
        DigestResult result = verifier.verify(
                withAuth("Authorization", challenge.authorization("alice", "wonderland", "REGISTER", URI, "c1", 1)),
                ChallengeKind.WWW);
        assertThat(result).isInstanceOfSatisfying(DigestResult.Challenge.class, c -> assertThat(c.stale()).isTrue());
    }

    @Test
    void answersWithoutQopOrForAnotherRealmOrWithAForeignNonceAreNotAccepted() throws Exception {
        DigestChallenge ours = challenge(DigestAlgorithm.MD5);
        DigestChallenge noQop = new DigestChallenge(REALM, ours.nonce(), null, DigestAlgorithm.MD5, List.of(), false);
        assertThat(verifier.verify(withAuth("Authorization", noQop.authorization("alice", "wonderland", "REGISTER", URI, "c", 1)),
                ChallengeKind.WWW)).isInstanceOf(DigestResult.Challenge.class);
        DigestChallenge otherRealm = new DigestChallenge("elsewhere", ours.nonce(), null, DigestAlgorithm.MD5, List.of("auth"), false);
        assertThat(verifier.verify(withAuth("Authorization", otherRealm.authorization("alice", "wonderland", "REGISTER", URI, "c", 1)),
                ChallengeKind.WWW)).isEqualTo(new DigestResult.Challenge(false, "no credentials for realm " + REALM, null));
        DigestChallenge forged = new DigestChallenge(REALM, "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, DigestAlgorithm.MD5,
                List.of("auth"), false);
        assertThat(verifier.verify(withAuth("Authorization", forged.authorization("alice", "wonderland", "REGISTER", URI, "c", 1)),
                ChallengeKind.WWW)).isInstanceOf(DigestResult.Challenge.class);
    }

    @Test
    void theClientSideAnswerParsesBackWithTheExactNonceCount() {
        DigestChallenge challenge = DigestChallenge.parse(
                "Digest realm=\"r\", nonce=\"n\", opaque=\"o\", algorithm=MD5, qop=\"auth,auth-int\"").orElseThrow();
        Map<String, String> p = AuthParams.parseDigest(challenge.authorization("u", "p", "INVITE", "sip:x", "cn", 10))
                .orElseThrow();
        assertThat(p).containsEntry("nc", "0000000a").containsEntry("qop", "auth").containsEntry("opaque", "o")
                .containsEntry("cnonce", "cn").containsEntry("uri", "sip:x");
        String ha1 = DigestAlgorithm.MD5.ha1("u", "r", "p");
        assertThat(p.get("response")).isEqualTo(DigestAlgorithm.MD5.response(ha1, "n", "0000000a", "cn", "auth", "INVITE", "sip:x"));
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess")).isEmpty();
    }

    private DigestChallenge challenge(DigestAlgorithm algorithm) {
        return verifier.challenges(false).stream().map(v -> DigestChallenge.parse(v).orElseThrow())
                .filter(c -> c.algorithm() == algorithm).findFirst().orElseThrow();
    }

    private Request withAuth(String header, String value) throws Exception {
        return request("REGISTER", List.of(header + ": " + value));
    }

    private static Request request(String method, List<String> extra) throws Exception {
        StringBuilder text = new StringBuilder(method + " " + URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:alice@voxgate.test>;tag=1\r\nTo: <sip:alice@voxgate.test>\r\n"
                + "Call-ID: c1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n");
        for (String line : extra) {
            text.append(line).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        return new MessageFactoryImpl().createRequest(text.toString());
    }
}
