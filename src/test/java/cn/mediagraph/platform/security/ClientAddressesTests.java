package cn.mediagraph.platform.security;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which address a request is throttled by: the peer, or what a trusted proxy says. */
class ClientAddressesTests {

	private static InetSocketAddress peer(String address) {
		return new InetSocketAddress(address, 40000);
	}

	@Test
	void byDefaultForwardedForIsIgnored() {
		ClientAddresses addresses = new ClientAddresses(List.of());
		assertThat(addresses.resolve(peer("192.0.2.10"), "203.0.113.9")).isEqualTo("192.0.2.10");
	}

	@Test
	void aTrustedProxyNamesTheClientAndOnlyATrustedOne() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.1", "10.0.0.2"));
		assertThat(addresses.resolve(peer("10.0.0.1"), "203.0.113.9")).isEqualTo("203.0.113.9");
		assertThat(addresses.resolve(peer("10.0.0.1"), "198.51.100.1, 203.0.113.9, 10.0.0.2"))
			.as("the rightmost address no trusted proxy vouches for; what the client wrote itself is ignored")
			.isEqualTo("203.0.113.9");
		assertThat(addresses.resolve(peer("192.0.2.10"), "203.0.113.9")).as("an untrusted peer").isEqualTo("192.0.2.10");
		assertThat(addresses.resolve(peer("10.0.0.1"), null)).isEqualTo("10.0.0.1");
		assertThat(addresses.resolve(peer("10.0.0.1"), "10.0.0.2")).isEqualTo("10.0.0.2");
	}

	@Test
	void somethingThatIsNotAnAddressIsNeverLookedUp() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.1"));
		assertThat(addresses.resolve(peer("10.0.0.1"), "attacker.example, 203.0.113.9")).isEqualTo("203.0.113.9");
		assertThat(addresses.resolve(peer("10.0.0.1"), "attacker.example")).isEqualTo("10.0.0.1");
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() {
		ClientAddresses addresses = new ClientAddresses(List.of("::1"));
		assertThat(addresses.resolve(peer("2001:db8:1:2::17"), null))
			.isEqualTo(addresses.resolve(peer("2001:db8:1:2:ffff::1"), null))
			.isNotEqualTo(addresses.resolve(peer("2001:db8:1:3::17"), null));
		assertThat(addresses.resolve(peer("0:0:0:0:0:0:0:1"), "2001:db8:1:2::17"))
			.isEqualTo(addresses.resolve(peer("2001:db8:1:2::99"), null));
	}

	@Test
	void noPeerAtAll() {
		assertThat(new ClientAddresses(List.of()).resolve(null, null)).isEqualTo(ClientAddresses.UNKNOWN);
	}

}
