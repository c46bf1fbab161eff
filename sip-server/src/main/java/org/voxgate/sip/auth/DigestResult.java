package org.voxgate.sip.auth;

/**
 * What {@link DigestVerifier#verify} decided about a request.
 *
 * <p>Immutable.
 */
public sealed interface DigestResult {

    /**
     * The request carries valid, fresh credentials.
     *
     * @param principal whose credentials they are
     * @param username the username presented
     * @param algorithm the algorithm the client answered with
     */
    record Authenticated(SipPrincipal principal, String username, DigestAlgorithm algorithm) implements DigestResult {}

    /**
     * The request must be challenged (401 or 407 with {@link DigestVerifier#challenges}).
     *
     * @param stale true when the credentials were right but the nonce was too old or its
     *     count was reused: the client may retry with the new nonce without asking its user
     * @param reason why, for the log (never sent to the peer)
     * @param username the username presented, or null when there were no credentials
     */
    record Challenge(boolean stale, String reason, String username) implements DigestResult {}
}
