package org.voxgate.app;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.TransferObserver;

/**
 * Carries out the transfers bots ask for: resolves the target (the configured operator when
 * the bot names none) and hands the caller over by REFER.
 *
 * <p>Threading: thread-safe and non-blocking; outcomes arrive on SIP worker threads and are
 * passed straight to the bot's listener.
 */
final class CallTransfers {
    private static final Logger LOG = LoggerFactory.getLogger(CallTransfers.class);

    private final String operator;

    /** @param operator the configured {@code bots.operator}, possibly empty */
    CallTransfers(String operator) {
        this.operator = operator == null ? "" : operator.trim();
    }

    void transfer(ActiveCall call, TransferRequest request) {
        String target = request.target() == null ? operator : request.target().trim();
        if (target.isEmpty()) {
            LOG.info("transfer asked for, but no operator is configured (bots.operator)");
            request.listener().onTransferFailed("no operator configured");
            return;
        }
        if (!isUri(target)) {
            request.listener().onTransferFailed("no route to " + target);
            return;
        }
        call.refer(target, new TransferObserver() {
            @Override
            public void onTransferred() {
                LOG.info("caller transferred to {}", target);
            }

            @Override
            public void onTransferFailed(int status, String reason, boolean referRefused) {
                request.listener().onTransferFailed(status + " " + reason);
            }
        });
    }

    private static boolean isUri(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:");
    }
}
