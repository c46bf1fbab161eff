package org.voxgate.sip;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our registration with one carrier (RFC 3261 10.2): REGISTER with the trunk's user as
 * address of record and Contact, digest answers to 401/407, refresh before the granted expiry,
 * exponential back-off after a failure, and un-REGISTER when stopped. One Call-ID for the
 * life of the registration, CSeq increasing (RFC 3261 10.2.4).
 *
 * <p>Threading: answers and timers arrive on SIP threads; all state is under this object's
 * lock, and requests are sent under it (JAIN-SIP does not block on the peer).
 */
final class CarrierRegistration implements ClientTransactionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierRegistration.class);
    private static final int MAX_CHALLENGES = 2;

    private final SipContext sip;
    private final TrunkPeer peer;
    private final CarrierConfig config;
    private final String callId;
    private long cseq;
    private Request last;
    private int challenges;
    private String state = "registering";
    private Integer lastStatus;
    private Instant registeredUntil;
    private Duration backoff;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    CarrierRegistration(SipContext sip, TrunkPeer peer, CarrierConfig config) {
        this.sip = sip;
        this.peer = peer;
        this.config = config;
        this.callId = sip.provider.getNewCallId().getCallId();
        this.backoff = config.registerRetryMin();
    }

    TrunkPeer peer() { return peer; }

    synchronized String state() { return state; }

    synchronized Integer lastStatus() { return lastStatus; }

    synchronized Instant registeredUntil() { return "registered".equals(state) ? registeredUntil : null; }

    synchronized void start() {
        register(peer.registerExpiry());
    }

    /** Stops refreshing and removes the binding (Expires: 0) if there is one. */
    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if ("registered".equals(state)) {
            register(0);
        }
        state = "disabled";
    }

    private void register(int expires) {
        challenges = 0;
        try {
            String domain = peer.domain() == null || peer.domain().isBlank() ? peer.host() : peer.domain();
            URI requestUri = sip.addresses.createURI(peer.uri());
            Address aor = sip.clientRequests.address(peer.username(), domain);
            Request register = sip.clientRequests.create(Request.REGISTER, requestUri, aor,
                    sip.addresses.createAddress((URI) aor.getURI().clone()), callId, ++cseq);
            ContactHeader contact = (ContactHeader) register.getHeader(ContactHeader.NAME);
            ((SipURI) contact.getAddress().getURI()).setUser(peer.username() == null ? "voxgate" : peer.username());
            register.addHeader(sip.headers.createExpiresHeader(expires));
            send(register);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("trunk {}: could not build REGISTER: {}", peer.name(), e.toString());
            failed(null);
        }
    }

    private void send(Request request) {
        try {
            ClientTransaction tx = sip.provider.getNewClientTransaction(request);
            tx.setApplicationData(this);
            last = request;
            tx.sendRequest();
            sip.metrics.requestSent(Request.REGISTER);
        } catch (SipException | RuntimeException e) {
            LOG.warn("trunk {}: could not send REGISTER: {}", peer.name(), e.toString());
            failed(null);
        }
    }

    @Override
    public synchronized void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200 || stopped) {
            return;
        }
        if (status < 300) {
            int granted = grantedExpiry(response).orElse(expiresOf(last));
            if (granted == 0) {
                return; // the answer to an un-REGISTER
            }
            lastStatus = status;
            state = "registered";
            registeredUntil = sip.clock.instant().plusSeconds(granted);
            backoff = config.registerRetryMin();
            Duration refresh = refreshDelay(granted);
            LOG.info("trunk {}: registered for {} s; refreshing in {} s", peer.name(), granted, refresh.toSeconds());
            schedule(refresh);
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && peer.username() != null && peer.password() != null && challenges < MAX_CHALLENGES) {
            challenges++;
            try {
                Optional<Request> next = sip.clientRequests.answerChallenge(last, response, peer.username(),
                        peer.password());
                if (next.isPresent()) {
                    cseq++;
                    send(next.get());
                    return;
                }
            } catch (ParseException | InvalidArgumentException | RuntimeException e) {
                LOG.warn("trunk {}: could not answer the challenge: {}", peer.name(), e.toString());
            }
        }
        failed(status);
    }

    @Override
    public synchronized void onTimeout() {
        if (!stopped) {
            failed(Response.REQUEST_TIMEOUT);
        }
    }

    /** Under the lock. */
    private void failed(Integer status) {
        lastStatus = status;
        state = "failed";
        Duration wait = backoff;
        backoff = nextBackoff(backoff, config.registerRetryMax());
        LOG.warn("trunk {}: registration failed ({}); retrying in {} s", peer.name(),
                status == null ? "not sent" : status, wait.toSeconds());
        schedule(wait);
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        timer = sip.timers.schedule(() -> sip.workers.execute(() -> {
            synchronized (this) {
                if (!stopped) {
                    register(peer.registerExpiry());
                }
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the registrar granted: our Contact's expires parameter, else the Expires header. */
    private static Optional<Integer> grantedExpiry(Response response) {
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getExpires() >= 0) {
                return Optional.of(contact.getExpires());
            }
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return expires == null ? Optional.empty() : Optional.of(expires.getExpires());
    }

    private static int expiresOf(Request request) {
        ExpiresHeader expires = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        return expires == null ? 3600 : expires.getExpires();
    }

    /** When to refresh a binding granted for {@code seconds}: halfway for short ones, a minute early otherwise. */
    static Duration refreshDelay(int seconds) {
        return Duration.ofSeconds(seconds <= 120 ? Math.max(1, seconds / 2) : seconds - 60);
    }

    /** The back-off after one more failure: doubled, at most {@code max}. */
    static Duration nextBackoff(Duration current, Duration max) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
