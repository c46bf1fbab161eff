package org.voxgate.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The server side of SIP digest authentication (RFC 3261 22, RFC 7616, RFC 8760): checks the
 * Authorization or Proxy-Authorization header of a request against credentials found through
 * {@link CredentialLookup}, and builds challenges offering SHA-256 then MD5 with qop=auth.
 *
 * <p>Only qop=auth answers are accepted, so every accepted request carries a nonce-count
 * that is checked for replay. Nonces are stateless and signed ({@link NonceService}); a right
 * answer to a nonce older than its lifetime, or reusing a nonce-count, gets a new challenge
 * with {@code stale=true}.
 *
 * <p>Thread-safe: one instance per node serves every handler (REGISTER, INVITE) so they
 * share the nonce secret and the replay table.
 */
public final class DigestVerifier {
    /** Default number of nonces whose counts are tracked before the oldest are forgotten. */
    public static final int DEFAULT_TRACKED_NONCES = 200_000;

    private final String realm;
    private final CredentialLookup credentials;
    private final NonceService nonces;
    private final NonceCounter counts;
    private final Clock clock;
    private final List<DigestAlgorithm> algorithms;

    /**
     * @param realm the realm challenged in and looked up (for example the node's SIP host)
     * @param nonceLifetime how long a nonce is good for before a right answer is called stale
     * @param trackedNonces how many nonces' counts to remember at most (bounds memory)
     * @param credentials where stored HA1s are found
     * @param clock the time source for nonce issue and expiry
     * @param random source of the node's nonce secret and of nonce salt
     */
    public DigestVerifier(String realm, Duration nonceLifetime, int trackedNonces, CredentialLookup credentials,
            Clock clock, SecureRandom random) {
        this(realm, nonceLifetime, trackedNonces, credentials, clock, random, List.of(DigestAlgorithm.values()));
    }

    /**
     * A verifier offering only {@code algorithms}, in that order, and accepting answers only
     * in them. Many deployed clients answer the first challenge whatever its algorithm and
     * fail on SHA-256 (SIPp 3.6.1, baresip 1.0 with libre 1.1): list MD5 first for them.
     *
     * @param algorithms the algorithms to offer, most preferred first; not empty
     */
    public DigestVerifier(String realm, Duration nonceLifetime, int trackedNonces, CredentialLookup credentials,
            Clock clock, SecureRandom random, List<DigestAlgorithm> algorithms) {
        if (algorithms == null || algorithms.isEmpty() || algorithms.stream().distinct().count() != algorithms.size()) {
            throw new IllegalArgumentException("digest algorithms must be a non-empty list without repeats");
        }
        this.algorithms = List.copyOf(algorithms);
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("realm must not be empty");
        }
        if (nonceLifetime == null || nonceLifetime.isZero() || nonceLifetime.isNegative()) {
            throw new IllegalArgumentException("nonce lifetime must be positive");
        }
        this.realm = realm;
        this.credentials = credentials;
        this.clock = clock;
        this.nonces = new NonceService(random, clock, nonceLifetime);
        this.counts = new NonceCounter(trackedNonces);
    }

    /** The realm this verifier challenges in. */
    public String realm() {
        return realm;
    }

    /**
     * Checks the credentials in {@code request} for our realm. Credentials for other realms
     * are ignored (they are meant for another hop).
     */
    public DigestResult verify(Request request, ChallengeKind kind) {
        Map<String, String> p = credentialsForRealm(request, kind.credentialsHeader());
        if (p == null) {
            return new DigestResult.Challenge(false, "no credentials for realm " + realm, null);
        }
        String username = p.get("username");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (username == null || nonce == null || uri == null || response == null) {
            return new DigestResult.Challenge(false, "incomplete credentials", username);
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(p.get("algorithm"));
        if (algorithm.isEmpty() || !algorithms.contains(algorithm.get())) {
            return new DigestResult.Challenge(false, "unsupported algorithm " + p.get("algorithm"), username);
        }
        String qop = p.get("qop");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (qop == null || !qop.equalsIgnoreCase("auth") || nc == null || cnonce == null) {
            return new DigestResult.Challenge(false, "qop=auth with nc and cnonce is required", username);
        }
        long count = parseCount(nc);
        if (count < 1) {
            return new DigestResult.Challenge(false, "malformed nonce-count " + nc, username);
        }
        Optional<Instant> issuedAt = nonces.issuedAt(nonce);
        if (issuedAt.isEmpty()) {
            return new DigestResult.Challenge(false, "a nonce we did not issue", username);
        }
        Optional<DigestCredentials> stored = credentials.find(username, realm);
        String ha1 = stored.map(c -> c.ha1(algorithm.get())).orElse(null);
        if (ha1 == null) {
            return new DigestResult.Challenge(false, "unknown user or no " + algorithm.get().token() + " credentials", username);
        }
        String expected = algorithm.get().response(ha1, nonce, nc, cnonce, qop, request.getMethod(), uri);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new DigestResult.Challenge(false, "wrong response (bad password)", username);
        }
        if (nonces.expired(issuedAt.get())) {
            return new DigestResult.Challenge(true, "nonce past its lifetime", username);
        }
        Instant expiredBefore = clock.instant().minus(nonces.lifetime());
        if (!counts.accept(nonce, issuedAt.get(), count, expiredBefore)) {
            return new DigestResult.Challenge(true, "nonce-count " + nc + " replayed or not increasing", username);
        }
        return new DigestResult.Authenticated(stored.get().principal(), username, algorithm.get());
    }

    /**
     * Challenge header values, one per algorithm in our order of preference (by default
     * SHA-256 then MD5: RFC 8760 2.4, the client picks the first it supports), each with a
     * fresh nonce.
     */
    public List<String> challenges(boolean stale) {
        List<String> values = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm algorithm : algorithms) {
            values.add("Digest realm=" + AuthParams.quote(realm) + ", nonce=" + AuthParams.quote(nonces.issue())
                    + ", algorithm=" + algorithm.token() + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return values;
    }

    /** Adds the challenge headers of {@code kind} to a 401 or 407 response. */
    public void addChallenges(Response response, HeaderFactory headers, ChallengeKind kind, boolean stale)
            throws ParseException {
        for (String value : challenges(stale)) {
            response.addHeader(headers.createHeader(kind.challengeHeader(), value));
        }
    }

    /** The parsed Digest credentials whose realm is ours, or null when there are none. */
    private Map<String, String> credentialsForRealm(Request request, String headerName) {
        ListIterator<?> it = request.getHeaders(headerName);
        while (it != null && it.hasNext()) {
            String text = ((Header) it.next()).toString();
            Optional<Map<String, String>> p = AuthParams.parseDigest(text);
            if (p.isPresent() && realm.equals(p.get().get("realm"))) {
                return p.get();
            }
        }
        return null;
    }

    private static long parseCount(String nc) {
        if (nc.length() != 8) {
            return -1;
        }
        try {
            return Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Number of nonces whose counts are remembered now (for metrics and tests). */
    public int trackedNonces() {
        return counts.size();
    }
}
