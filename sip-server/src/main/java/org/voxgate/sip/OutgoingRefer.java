package org.voxgate.sip;

import java.text.ParseException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blind transfer we started with REFER (RFC 3515) on an answered call: sends the REFER,
 * then follows the implicit subscription's NOTIFYs until the transferee reports a final
 * status of its new call, and tells the {@link TransferObserver} exactly once.
 *
 * <p>Threading: responses, NOTIFYs and the timeout arrive on different SIP worker threads;
 * the single outcome is guarded by an atomic flag.
 */
final class OutgoingRefer {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingRefer.class);
    /**
     * How long the transferee has to report a final status. A new call may ring for a while,
     * so this is generous; if it passes, the caller is assumed to be still with us.
     */
    static final long FINAL_NOTIFY_TIMEOUT_SECONDS = 60;

    private final SipContext sip;
    private final Dialog dialog;
    private final TransferObserver observer;
    private final Runnable onSuccess;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    /** @param onSuccess run after the observer heard of a successful transfer (ends the call) */
    OutgoingRefer(SipContext sip, Dialog dialog, TransferObserver observer, Runnable onSuccess) {
        this.sip = sip;
        this.dialog = dialog;
        this.observer = observer;
        this.onSuccess = onSuccess;
    }

    /** Sends the REFER; a failure to send is reported to the observer as a refused REFER. */
    void send(String referToUri) {
        try {
            Address target = sip.addresses.createAddress(sip.addresses.createURI(referToUri));
            Request refer = dialog.createRequest(Request.REFER);
            refer.addHeader(sip.headers.createReferToHeader(target));
            refer.addHeader(sip.contact(SipContext.transportOf(refer)));
            ClientTransaction tx = sip.provider.getNewClientTransaction(refer);
            timeout = sip.timers.schedule(() -> sip.workers.execute(() ->
                    fail(Response.REQUEST_TIMEOUT, "no final NOTIFY", false)),
                    FINAL_NOTIFY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            dialog.sendRequest(tx);
            sip.metrics.requestSent(Request.REFER);
            LOG.info("REFER sent: transferring the caller to {}", referToUri);
        } catch (ParseException e) {
            fail(Response.BAD_REQUEST, "bad transfer target " + referToUri, true);
        } catch (SipException | RuntimeException e) {
            LOG.warn("could not send REFER: {}", e.toString());
            fail(Response.SERVICE_UNAVAILABLE, "REFER could not be sent", true);
        }
    }

    /** The final response to our REFER: 202 means the transferee is trying. */
    void onResponse(Response response) {
        int status = response.getStatusCode();
        if (status >= 300) {
            LOG.info("REFER refused: {} {}", status, response.getReasonPhrase());
            fail(status, response.getReasonPhrase(), true);
        } else if (status >= 200) {
            LOG.info("REFER accepted: {}", status);
        }
    }

    /** The REFER got no answer at all. */
    void onTimeout() {
        fail(Response.REQUEST_TIMEOUT, "REFER not answered", true);
    }

    /** One NOTIFY of the implicit subscription, already answered with 200. */
    void onNotify(Sipfrag progress) {
        int status = progress.status();
        if (status < 200) {
            LOG.info("transfer progress: {} {}", status, progress.reason());
        } else if (status < 300) {
            if (finish()) {
                LOG.info("transfer succeeded: {} {}", status, progress.reason());
                observer.onTransferred();
                onSuccess.run();
            }
        } else {
            LOG.info("transfer failed at the transferee: {} {}", status, progress.reason());
            fail(status, progress.reason(), false);
        }
    }

    /** The subscription ended without a final status line (RFC 3515 allows it). */
    void onSubscriptionTerminated() {
        fail(Response.REQUEST_TERMINATED, "subscription ended without a final status", false);
    }

    private void fail(int status, String reason, boolean referRefused) {
        if (finish()) {
            observer.onTransferFailed(status, reason, referRefused);
        }
    }

    private boolean finish() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        return true;
    }

    /** Whether the outcome has been reported. */
    boolean finished() {
        return done.get();
    }
}
