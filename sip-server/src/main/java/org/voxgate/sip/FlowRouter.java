package org.voxgate.sip;

import gov.nist.javax.sip.stack.DefaultRouter;
import java.util.ListIterator;
import java.util.function.Function;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * The stack's router: sends a request of a call we hold along the call's flow (see
 * {@link CallFlow}) when the request has no Route headers, and leaves everything else to
 * JAIN-SIP's {@link DefaultRouter} (Route set first, then the Request-URI).
 *
 * <p>JAIN-SIP creates this class by name ({@code javax.sip.ROUTER_PATH}); the server then
 * gives it the lookup with {@link #setFlows}. Threading: called on any stack or worker
 * thread; the lookup is set once before the stack starts and is itself thread-safe.
 */
public final class FlowRouter implements Router {
    private final DefaultRouter fallback;
    private volatile Function<String, Hop> flows = callId -> null;

    /** Called by JAIN-SIP with the stack and its {@code javax.sip.OUTBOUND_PROXY}, if any. */
    public FlowRouter(SipStack stack, String outboundProxy) {
        this.fallback = new DefaultRouter(stack, outboundProxy);
    }

    /** The Call-ID to flow lookup; a null hop means "route normally". */
    void setFlows(Function<String, Hop> flows) {
        this.flows = flows;
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request.getHeader(RouteHeader.NAME) == null && !Request.REGISTER.equals(request.getMethod())) {
            CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
            Hop flow = callId == null ? null : flows.apply(callId.getCallId());
            if (flow != null) {
                return flow;
            }
        }
        return fallback.getNextHop(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return fallback.getOutboundProxy();
    }

    @Override
    @SuppressWarnings({"rawtypes", "deprecation"})
    public ListIterator getNextHops(Request request) {
        return fallback.getNextHops(request);
    }
}
