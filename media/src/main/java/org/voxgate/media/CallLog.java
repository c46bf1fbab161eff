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

    static void debug(Logger log, String callId, String format, Object... args) {
        if (log.isDebugEnabled()) {
            MDC.put(MDC_KEY, callId);
            try {
                log.debug(format, args);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }

    static void info(Logger log, String callId, String format, Object... args) {
        if (log.isInfoEnabled()) {
            MDC.put(MDC_KEY, callId);
            try {
                log.info(format, args);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }

    static void warn(Logger log, String callId, String format, Object... args) {
        if (log.isWarnEnabled()) {
            MDC.put(MDC_KEY, callId);
            try {
                log.warn(format, args);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }
}
