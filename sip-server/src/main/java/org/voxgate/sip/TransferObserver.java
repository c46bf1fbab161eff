package org.voxgate.sip;

/**
 * Hears how a blind transfer by REFER ({@link ActiveCall#refer}) ends.
 *
 * <p>Threading: called once, on a SIP worker thread; implementations must not block for long.
 */
public interface TransferObserver {

    /**
     * The transferee reports that the new call was answered (a 2xx in its NOTIFY). The SIP
     * layer then ends this call with a BYE and reason {@link EndReason#TRANSFERRED}.
     */
    void onTransferred();

    /**
     * The transfer did not happen and the caller is still on this call.
     *
     * @param status the SIP status that says why: the REFER's own final response when
     *     {@code referRefused}, otherwise the status of the transferee's new call as its NOTIFY
     *     reported it (408 when no final report came in time)
     * @param referRefused {@code true} when the caller's side refused the REFER itself (it does
     *     not do transfers, or not for us): the application may then place the new call itself
     */
    void onTransferFailed(int status, String reason, boolean referRefused);
}
