package org.voxgate.sip;

import java.text.ParseException;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import org.voxgate.sip.location.Binding;

/**
 * How a request reaches a registered contact: Request-URI = the Contact as registered, and a
 * loose Route to the address and transport the REGISTER came from, so a phone behind NAT is
 * reached through its pinhole (RFC 3581 style; what Kamailio's nathelper does with
 * "received"). Used by the NAT keep-alives; calls to registered users should do the same.
 *
 * <p>Stateless; thread-safe.
 */
final class BindingRoute {
    private BindingRoute() {}

    /** {@code Route: <sip:receivedHost:receivedPort;transport=x;lr>} for {@code binding}. */
    static RouteHeader toSource(SipContext sip, Binding binding) throws ParseException {
        String host = binding.receivedHost().contains(":") ? "[" + binding.receivedHost() + "]" : binding.receivedHost();
        SipURI hop = (SipURI) sip.addresses.createURI("sip:" + host + ":" + binding.receivedPort());
        hop.setLrParam();
        hop.setTransportParam(binding.transport());
        return sip.headers.createRouteHeader(sip.addresses.createAddress(hop));
    }
}
