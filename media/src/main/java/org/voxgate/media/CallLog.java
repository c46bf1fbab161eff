package org.voxgate.media;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Logs about one call from a media thread with the {@code callId} MDC key set only for the
 * duration of the log call, because media threads serve many calls and must not leak one
 * call's id into another's log lines.
 *
 * <p>Threading: stateless; safe on any thread.
 */
final class CallLog {
    static final String MDC_KEY = "callId";

    private CallLog() {}

    /**
     * Puts back what the calling thread had: media methods also run on SIP worker threads
     * (session start, close), whose own callId must survive the media layer's log lines.
     */
    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previous);
        }
    }

    static void debug(Logger log, String callId, String format, Object... args) {
        if (log.isDebugEnabled()) {
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, callId);
            try {
                log.debug(format, args);
            } finally {
                restore(previous);
            }
        }
    }

    static void info(Logger log, String callId, String format, Object... args) {
        if (log.isInfoEnabled()) {
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, callId);
            try {
                log.info(format, args);
            } finally {
                restore(previous);
            }
        }
    }

    static void warn(Logger log, String callId, String format, Object... args) {
        if (log.isWarnEnabled()) {
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, callId);
            try {
                log.warn(format, args);
            } finally {
                restore(previous);
            }
        }
    }
}
