package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void matchesAddressesInsideTheNetworkOnly() throws Exception {
        Cidr net = Cidr.parse("192.0.2.0/24");
        assertThat(net.contains(ip("192.0.2.0"))).isTrue();
        assertThat(net.contains(ip("192.0.2.255"))).isTrue();
        assertThat(net.contains(ip("192.0.3.1"))).isFalse();
        assertThat(Cidr.parse("10.1.2.3/13").contains(ip("10.7.255.1"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3/13").contains(ip("10.8.0.1"))).isFalse();
    }

    @Test
    void aBareAddressIsAHostRouteAndZeroMatchesEverything() throws Exception {
        assertThat(Cidr.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void ipv6AndMappedAddresses() throws Exception {
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:1::5"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db9::5"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("192.0.2.1"))).isFalse();
        assertThat(Cidr.parse("192.0.2.0/24").contains(ip("::ffff:192.0.2.7"))).isTrue();
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        assertThatThrownBy(() -> Cidr.parse("carrier.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("192.0.2.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("192.0.2.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("300.1.1.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
