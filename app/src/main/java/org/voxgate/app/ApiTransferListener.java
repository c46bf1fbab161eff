package org.voxgate.app;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.TransferRequest;

/**
 * The listener of a transfer an operator asked for through the API: a failure reported while
 * the request is still being made (no route, no operator) is handed back to it by
 * {@link #returned()}, so the API can answer 409; every failure is recorded as the call's
 * {@code transfer_failed} event.
 *
 * <p>Thread-safe: the failure may be reported on any thread, before or after {@link #returned()}.
 */
final class ApiTransferListener implements TransferRequest.TransferListener {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTransferListener.class);

    private final CallEventLog events;
    private boolean returned;
    private String failure;

    ApiTransferListener(CallEventLog events) {
        this.events = events;
    }

    @Override
    public void onTransferFailed(String reason) {
        events.record("transfer_failed", Map.of("reason", reason));
        synchronized (this) {
            if (!returned) {
                failure = reason;
            }
        }
        LOG.info("transfer asked through the API failed: {}", reason);
    }

    /** Marks the request as made; the failure reported until now, or null when there was none. */
    synchronized String returned() {
        returned = true;
        return failure;
    }
}
