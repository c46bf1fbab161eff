package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.net.InetSocketAddress;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.Test;

/** The flow reuse rule for in-dialog requests. */
class CallFlowTest {
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();

    private SipURI contact(String host, int port) throws Exception {
        SipURI uri = addresses.createSipURI("phone", host);
        uri.setPort(port);
        return uri;
    }

    @Test
    void aPrivateContactBehindNatIsReachedAtTheSource() throws Exception {
        Hop hop = CallFlow.hopFor(new InetSocketAddress("203.0.113.7", 40123), "udp", contact("192.168.1.20", 5060));
        assertThat(hop.getHost()).isEqualTo("203.0.113.7");
        assertThat(hop.getPort()).isEqualTo(40123);
        assertThat(hop.getTransport()).isEqualToIgnoringCase("udp");
    }

    @Test
    void aPublicOrMatchingContactIsFollowed() throws Exception {
        assertThat(CallFlow.hopFor(new InetSocketAddress("203.0.113.7", 40123), "udp", contact("198.51.100.1", 5060)))
                .isNull();
        assertThat(CallFlow.hopFor(new InetSocketAddress("10.0.0.5", 5060), "udp", contact("10.0.0.5", 5070))).isNull();
        assertThat(CallFlow.hopFor(new InetSocketAddress("127.0.0.1", 5060), "udp", contact("pbx.example", 5060))).isNull();
    }

    @Test
    void connectionOrientedTransportsReuseTheCallersConnection() throws Exception {
        Hop hop = CallFlow.hopFor(new InetSocketAddress("198.51.100.1", 53111), "tls", contact("198.51.100.1", 5061));
        assertThat(hop.getPort()).isEqualTo(53111);
        assertThat(hop.getTransport()).isEqualToIgnoringCase("tls");
    }

    @Test
    void unreachableAddresses() {
        assertThat(CallFlow.isUnreachable("10.1.2.3")).isTrue();
        assertThat(CallFlow.isUnreachable("172.16.0.1")).isTrue();
        assertThat(CallFlow.isUnreachable("100.64.1.1")).isTrue();
        assertThat(CallFlow.isUnreachable("169.254.1.1")).isTrue();
        assertThat(CallFlow.isUnreachable("[fd00::1]")).isTrue();
        assertThat(CallFlow.isUnreachable("127.0.0.1")).isFalse();
        assertThat(CallFlow.isUnreachable("100.128.0.1")).isFalse();
        assertThat(CallFlow.isUnreachable("8.8.8.8")).isFalse();
        assertThat(CallFlow.isUnreachable("phone.example")).isFalse();
    }
}
