package org.voxgate.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every SIP message the stack sends or receives at TRACE level on the
 * {@code org.voxgate.sip.messages} logger (turn it on to see the wire).
 *
 * <p>Instantiated reflectively by the stack ({@code gov.nist.javax.sip.SERVER_LOGGER}).
 * Thread-safe.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.voxgate.sip.messages");

    public Slf4jServerLogger() {}

    @Override public void closeLogFile() {}

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override public void logException(Exception ex) { LOG.warn("SIP message exception", ex); }

    @Override public void setStackProperties(Properties properties) {}

    @Override public void setSipStack(SipStack stack) {}
}
