package org.voxgate.sip;

import javax.sip.ResponseEvent;

/**
 * Receives the responses and the timeout of a client transaction we started; set as the
 * transaction's application data and called by {@link SipDispatcher} on a worker thread.
 */
interface ClientTransactionListener {
    void onResponse(ResponseEvent event);

    /** The transaction timed out without a final response (Timer B or F). */
    void onTimeout();
}
