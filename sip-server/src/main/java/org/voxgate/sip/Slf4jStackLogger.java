package org.voxgate.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the JAIN-SIP stack's internal logging to SLF4J (the stack refuses to start without
 * a logger, and its default wants log4j 1.x, which we do not ship).
 *
 * <p>Instantiated reflectively by the stack through the {@code gov.nist.javax.sip.STACK_LOGGER}
 * property, hence public with a no-argument constructor. Thread-safe.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.voxgate.sip.stack");

    public Slf4jStackLogger() {}

    @Override public void logStackTrace() { if (LOG.isTraceEnabled()) LOG.trace("stack trace", new Exception()); }

    @Override public void logStackTrace(int level) { logStackTrace(); }

    @Override public int getLineCount() { return 0; }

    @Override public void logException(Throwable ex) { LOG.warn("SIP stack exception", ex); }

    @Override public void logDebug(String message) { LOG.debug(message); }

    @Override public void logDebug(String message, Exception ex) { LOG.debug(message, ex); }

    @Override public void logTrace(String message) { LOG.trace(message); }

    @Override public void logFatalError(String message) { LOG.error(message); }

    @Override public void logError(String message) { LOG.error(message); }

    @Override public boolean isLoggingEnabled() { return LOG.isInfoEnabled(); }

    @Override
    public boolean isLoggingEnabled(int level) {
        // The stack builds expensive debug strings behind this check; only say yes when the
        // matching SLF4J level is really on.
        return switch (level) {
            case TRACE_NONE -> false;
            case TRACE_FATAL, TRACE_ERROR -> LOG.isErrorEnabled();
            case TRACE_WARN -> LOG.isWarnEnabled();
            case TRACE_INFO -> LOG.isInfoEnabled();
            case TRACE_DEBUG -> LOG.isDebugEnabled();
            default -> LOG.isTraceEnabled();
        };
    }

    @Override public void logError(String message, Exception ex) { LOG.error(message, ex); }

    @Override
    public void logWarning(String message) {
        // The stack warns at every start that TLS is not configured; we listen on no TLS
        // transport, so that is expected and would only alarm operators.
        if (message != null && (message.contains("tls") || message.contains("TLS") || message.contains("keystore")
                || message.contains("truststore"))) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    @Override public void logInfo(String message) { LOG.info(message); }

    @Override public void disableLogging() {}

    @Override public void enableLogging() {}

    @Override public void setBuildTimeStamp(String buildTimeStamp) {}

    @Override public void setStackProperties(Properties properties) {}

    @Override public String getLoggerName() { return LOG.getName(); }
}
