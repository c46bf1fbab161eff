package org.voxgate.sip.auth;

/**
 * Which pair of headers a digest exchange uses: a user agent server challenges with 401 and
 * WWW-Authenticate, a proxy-style server with 407 and Proxy-Authenticate (RFC 3261 22).
 *
 * <p>Immutable.
 */
public enum ChallengeKind {
    WWW(401, "WWW-Authenticate", "Authorization"),
    PROXY(407, "Proxy-Authenticate", "Proxy-Authorization");

    private final int status;
    private final String challengeHeader;
    private final String credentialsHeader;

    ChallengeKind(int status, String challengeHeader, String credentialsHeader) {
        this.status = status;
        this.challengeHeader = challengeHeader;
        this.credentialsHeader = credentialsHeader;
    }

    /** 401 or 407. */
    public int status() { return status; }

    /** WWW-Authenticate or Proxy-Authenticate. */
    public String challengeHeader() { return challengeHeader; }

    /** Authorization or Proxy-Authorization. */
    public String credentialsHeader() { return credentialsHeader; }
}
