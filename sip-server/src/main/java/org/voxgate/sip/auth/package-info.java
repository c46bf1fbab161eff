/**
 * SIP digest authentication (RFC 3261 22, RFC 7616, RFC 8760), shared by every handler that
 * authenticates (REGISTER, INVITE from trunks) and by the client side of outbound digest.
 *
 * <p>Public API: {@link org.voxgate.sip.auth.DigestAlgorithm} (hashing, HA1 and response),
 * {@link org.voxgate.sip.auth.DigestVerifier} (server: verify and challenge),
 * {@link org.voxgate.sip.auth.DigestChallenge} (client: parse a challenge, compute the
 * Authorization value), and the SPI {@link org.voxgate.sip.auth.CredentialLookup} that the
 * application implements on its store. Only HA1 hashes are ever stored, never passwords.
 */
package org.voxgate.sip.auth;
