package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.store.Cidr;
import org.voxgate.store.Trunk;

class TrunkSourcesTest {

    private static TrunkSources.Entry trunk(String name, boolean enabled, String... sources) {
        Trunk t = new Trunk(name, "127.0.0.1", 5060, "udp", List.of(sources), null, null, null, null, null, false, 3600,
                null, null, "US", List.of("PCMU"), 0, 0, null, enabled);
        return new TrunkSources.Entry(t, List.of(sources).stream().map(Cidr::parse).toList());
    }

    private static String match(TrunkSources sources, String address) throws Exception {
        return sources.match(InetAddress.getByName(address)).map(Trunk::name).orElse(null);
    }

    @Test
    void theMostSpecificPrefixWinsWhateverTheNameOrder() throws Exception {
        TrunkSources sources = new TrunkSources(List.of(
                trunk("a-wide", true, "192.0.2.0/24"),
                trunk("b-host", true, "192.0.2.10/32"),
                trunk("c-middle", true, "10.0.0.0/8", "192.0.2.0/28")));
        assertThat(match(sources, "192.0.2.10")).isEqualTo("b-host");
        assertThat(match(sources, "192.0.2.11")).isEqualTo("c-middle");
        assertThat(match(sources, "192.0.2.200")).isEqualTo("a-wide");
        assertThat(match(sources, "10.1.2.3")).isEqualTo("c-middle");
        assertThat(match(sources, "198.51.100.1")).isNull();
    }

    @Test
    void disabledTrunksDoNotMatchAndEqualPrefixesGoToTheFirstByName() throws Exception {
        TrunkSources sources = new TrunkSources(List.of(
                trunk("a", true, "192.0.2.0/24"),
                trunk("b", true, "192.0.2.0/24"),
                trunk("c", false, "192.0.2.10")));
        assertThat(match(sources, "192.0.2.10")).isEqualTo("a");
    }
}
