package cn.mediagraph.platform.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The address a request is throttled by. The peer's address, unless the peer is one of the
 * configured trusted proxies: then the rightmost {@code X-Forwarded-For} entry that no trusted
 * proxy vouches for (the entries to its left were written by the client and prove nothing).
 * An IPv6 client is counted by its /64, which one subscriber usually holds whole.
 */
public final class ClientAddresses {

	/** Where the GraphQL context keeps the resolved address of the request. */
	public static final String CONTEXT_KEY = "mediagraph.clientAddress";

	/** The address of a request that came with none (not over HTTP). */
	public static final String UNKNOWN = "unknown";

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

	private final Set<InetAddress> trustedProxies;

	public ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream()
			.map(String::strip)
			.filter(entry -> !entry.isEmpty())
			.map(entry -> literal(entry).orElseThrow(() -> new IllegalStateException(
					"mediagraph.security.trusted-proxies: '" + entry + "' is not an IP address")))
			.collect(Collectors.toUnmodifiableSet());
	}

	public String resolve(@Nullable InetSocketAddress peer, @Nullable String forwardedFor) {
		if (peer == null || peer.getAddress() == null) {
			return UNKNOWN;
		}
		InetAddress client = peer.getAddress();
		if (trustedProxies.contains(client) && forwardedFor != null) {
			List<String> hops = Arrays.asList(forwardedFor.split(","));
			for (int i = hops.size() - 1; i >= 0; i--) {
				Optional<InetAddress> hop = literal(hops.get(i).strip());
				if (hop.isEmpty()) {
					break;
				}
				client = hop.get();
				if (!trustedProxies.contains(client)) {
					break;
				}
			}
		}
		return key(client);
	}

	private static String key(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
		Arrays.fill(prefix, 8, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An IP address written as one; anything else is refused, never looked up in DNS. */
	private static Optional<InetAddress> literal(String text) {
		String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
		if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(bare));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
