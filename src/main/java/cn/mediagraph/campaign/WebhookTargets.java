package cn.mediagraph.campaign;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which addresses a webhook may reach ({@code MEDIAGRAPH_WEBHOOK_ALLOWED_HOSTS}). An entry is a
 * host name or an address, matched exactly, or {@code *.example.cn} for any name under a domain.
 * With entries, only hosts that match one are reached; with none, any host. Either way, a host
 * whose name resolves to a loopback, private, link-local, unique-local, multicast or unspecified
 * address is refused unless its name or that address is listed exactly: a wildcard never opens
 * the inside network. Every address the name resolves to is checked, on every delivery.
 */
final class WebhookTargets {

	private final List<String> entries;

	WebhookTargets(List<String> entries) {
		this.entries = entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(e -> e.toLowerCase(Locale.ROOT)).toList();
	}

	/** Why the URL may not be reached, or null when it may. */
	@Nullable String refusal(URI url) {
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "Only http and https webhooks are sent";
		}
		String host = url.getHost();
		if (host == null) {
			return "The webhook URL has no host";
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		boolean exact = entries.contains(host);
		if (!entries.isEmpty() && !exact && !underWildcard(host)) {
			return "Host " + host + " is not in MEDIAGRAPH_WEBHOOK_ALLOWED_HOSTS";
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return "Host " + host + " does not resolve";
		}
		for (InetAddress address : addresses) {
			if (inside(address) && !exact && !entries.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
				return "Host " + host + " resolves to the internal address " + address.getHostAddress()
						+ ", which is reached only when listed in MEDIAGRAPH_WEBHOOK_ALLOWED_HOSTS";
			}
		}
		return null;
	}

	private boolean underWildcard(String host) {
		return entries.stream().filter(e -> e.startsWith("*.")).anyMatch(e -> host.endsWith(e.substring(1)));
	}

	/** Loopback, private, link-local, unique-local (fc00::/7), multicast or the unspecified address. */
	static boolean inside(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc) {
			return true;
		}
		// 100.64.0.0/10 (carrier-grade NAT) and 169.254/16 are inside networks too
		return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
	}

}
