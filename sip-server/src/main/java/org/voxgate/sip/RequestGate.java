package org.voxgate.sip;

import gov.nist.javax.sip.RequestEventExt;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-source request rate limit, checked on the stack's thread before any transaction or
 * worker is spent on a request. Requests of calls we already hold are never limited (a call
 * in progress must be able to ACK, re-INVITE and hang up). Over the limit, a new INVITE or a
 * REGISTER gets a stateless 503 with Retry-After (a well-behaved peer backs off, RFC 3261
 * 21.5.4); anything else is dropped silently, since answering a flood only feeds it.
 *
 * <p>Threading: called concurrently by the stack's threads; the limiter is thread-safe.
 */
final class RequestGate {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
    private final SipContext sip;
    private final SourceRateLimiter limiter;
    private long refused;

    RequestGate(SipContext sip) {
        this.sip = sip;
        OverloadConfig overload = sip.dialogConfig.overload();
        this.limiter = overload.requestsPerSecond() <= 0 ? null
                : new SourceRateLimiter(overload.requestsPerSecond(), overload.burst(), overload.trackedSources(),
                        System::nanoTime);
    }

    /** True when the request may be handled; otherwise it has been answered or dropped. */
    boolean admit(RequestEvent event, Request request, String callId) {
        if (limiter == null || !(event instanceof RequestEventExt ext) || ext.getRemoteIpAddress() == null) {
            return true;
        }
        if (sip.calls.find(callId).isPresent() || sip.outbound.find(callId).isPresent()
                || limiter.tryAcquire(ext.getRemoteIpAddress())) {
            return true;
        }
        long n;
        synchronized (this) {
            n = ++refused;
        }
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("request rate limit exceeded by {} ({} requests refused so far)", ext.getRemoteIpAddress(), n);
        }
        String method = request.getMethod();
        if (Request.INVITE.equals(method) || Request.REGISTER.equals(method)) {
            try {
                Response response = overloaded(sip, request);
                sip.provider.sendResponse(response);
                sip.metrics.responseSent(Response.SERVICE_UNAVAILABLE, method);
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                LOG.debug("could not send 503: {}", e.toString());
            }
        }
        return false;
    }

    /** Answers 503 with Retry-After on a transaction (the call limit). */
    static void replyOverloaded(SipContext sip, ServerTransaction tx, Request request) {
        try {
            sip.send(tx, overloaded(sip, request));
        } catch (ParseException | InvalidArgumentException e) {
            sip.reply(tx, Response.SERVICE_UNAVAILABLE);
        }
    }

    private static Response overloaded(SipContext sip, Request request) throws ParseException, InvalidArgumentException {
        Response response = sip.response(request, Response.SERVICE_UNAVAILABLE);
        response.addHeader(sip.headers.createRetryAfterHeader((int) sip.dialogConfig.overload().retryAfter().toSeconds()));
        return response;
    }
}
