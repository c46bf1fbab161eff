package org.voxgate.sip.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A digest challenge as a client receives it (the value of WWW-Authenticate or
 * Proxy-Authenticate), and the client side of the exchange: {@link #authorization} computes
 * the Authorization header value that answers it.
 *
 * <p>Immutable.
 *
 * @param realm the realm to authenticate in
 * @param nonce the server's nonce
 * @param opaque the opaque value to echo, or null
 * @param algorithm the hash algorithm asked for
 * @param qops the qop values offered (empty: the RFC 2069 form without qop)
 * @param stale true when the previous nonce expired but the credentials were right
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm,
        List<String> qops, boolean stale) {

    public DigestChallenge {
        qops = List.copyOf(qops);
    }

    /**
     * Parses a challenge header value ({@code Digest realm="...", nonce="...", ...}), with or
     * without the leading header name. Empty when it is not a Digest challenge we can answer
     * (no realm or nonce, or an algorithm we do not know, such as the -sess variants).
     */
    public static Optional<DigestChallenge> parse(String headerValue) {
        Optional<Map<String, String>> parsed = AuthParams.parseDigest(headerValue);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> p = parsed.get();
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(p.get("algorithm"));
        if (realm == null || nonce == null || algorithm.isEmpty()) {
            return Optional.empty();
        }
        List<String> qops = new ArrayList<>();
        String qop = p.get("qop");
        if (qop != null) {
            for (String q : qop.split(",")) {
                if (!q.isBlank()) {
                    qops.add(q.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.of(new DigestChallenge(realm, nonce, p.get("opaque"), algorithm.get(), qops,
                "true".equalsIgnoreCase(p.get("stale"))));
    }

    /**
     * The Authorization (or Proxy-Authorization) header value answering this challenge.
     * Uses qop=auth when offered, else the form without qop; a challenge offering only
     * auth-int is answered without qop too (we never protect bodies).
     *
     * @param username the user name to present
     * @param password the plain password (clients must know it; servers never store it)
     * @param method the request's method, for example INVITE or REGISTER
     * @param uri the Request-URI exactly as it will be sent
     * @param cnonce a fresh random client nonce (used only with qop)
     * @param nonceCount how many requests this client has sent with this nonce, from 1
     */
    public String authorization(String username, String password, String method, String uri, String cnonce,
            int nonceCount) {
        String ha1 = algorithm.ha1(username, realm, password);
        StringBuilder out = new StringBuilder("Digest username=").append(AuthParams.quote(username))
                .append(", realm=").append(AuthParams.quote(realm))
                .append(", nonce=").append(AuthParams.quote(nonce))
                .append(", uri=").append(AuthParams.quote(uri));
        if (qops.contains("auth")) {
            String nc = String.format(Locale.ROOT, "%08x", nonceCount);
            out.append(", response=").append(AuthParams.quote(algorithm.response(ha1, nonce, nc, cnonce, "auth", method, uri)))
                    .append(", cnonce=").append(AuthParams.quote(cnonce))
                    .append(", nc=").append(nc)
                    .append(", qop=auth");
        } else {
            out.append(", response=").append(AuthParams.quote(algorithm.response(ha1, nonce, method, uri)));
        }
        out.append(", algorithm=").append(algorithm.token());
        if (opaque != null) {
            out.append(", opaque=").append(AuthParams.quote(opaque));
        }
        return out.toString();
    }
}
