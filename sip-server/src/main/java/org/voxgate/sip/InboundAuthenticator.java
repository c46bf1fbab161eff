package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.text.ParseException;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.auth.ChallengeKind;
import org.voxgate.sip.auth.DigestResult;
import org.voxgate.sip.auth.DigestVerifier;
import org.voxgate.sip.auth.SipPrincipal;

/**
 * Decides who sent a new INVITE before anything else looks at it: a trunk when the source
 * address is among a trunk's inbound sources, else whoever's digest credentials it carries
 * (a SIP user or a trunk, through the registrar's {@link DigestVerifier}). An INVITE without
 * credentials is challenged with 401; one whose credentials are wrong, or that cannot be
 * challenged because no verifier is configured, gets 403. Nothing unauthenticated goes on.
 *
 * <p>Threading: runs on SIP worker threads; stateless apart from the thread-safe verifier.
 */
final class InboundAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(InboundAuthenticator.class);

    private final SipContext sip;

    InboundAuthenticator(SipContext sip) {
        this.sip = sip;
    }

    /**
     * The caller's principal, or null after the INVITE has been answered with 401 or 403.
     */
    SipPrincipal authenticate(Request request, ServerTransaction tx, InetSocketAddress source) {
        if (source != null && source.getAddress() != null) {
            var trunk = sip.trunks.trunkForSource(source.getAddress());
            if (trunk.isPresent()) {
                return SipPrincipal.trunk(trunk.get());
            }
        }
        DigestVerifier verifier = sip.verifier;
        if (verifier == null) {
            LOG.info("INVITE from {} matches no trunk and digest is not configured: 403", source);
            refuse(tx, Response.FORBIDDEN);
            return null;
        }
        DigestResult result = verifier.verify(request, ChallengeKind.WWW);
        if (result instanceof DigestResult.Authenticated ok) {
            return ok.principal();
        }
        DigestResult.Challenge challenge = (DigestResult.Challenge) result;
        if (challenge.username() != null && !challenge.stale()) {
            LOG.info("INVITE from {} with bad credentials for {} ({}): 403", source, challenge.username(),
                    challenge.reason());
            refuse(tx, Response.FORBIDDEN);
            return null;
        }
        LOG.info("INVITE from {} matches no trunk: challenging ({})", source, challenge.reason());
        try {
            Response response = sip.response(request, Response.UNAUTHORIZED);
            verifier.addChallenges(response, sip.headers, ChallengeKind.WWW, challenge.stale());
            sip.send(tx, response);
            sip.metrics.inviteRefused("unauthenticated");
        } catch (ParseException e) {
            refuse(tx, Response.FORBIDDEN);
        }
        return null;
    }

    private void refuse(ServerTransaction tx, int status) {
        sip.reply(tx, status);
        sip.metrics.inviteRefused(status == Response.FORBIDDEN ? "forbidden" : "unauthenticated");
    }
}
