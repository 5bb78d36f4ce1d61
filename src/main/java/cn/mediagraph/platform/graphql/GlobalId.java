package cn.mediagraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque global ids ({@code node(id)}): the GraphQL type name and the document id, joined
 * and base64url-encoded, so a client cannot mistake a story's id for a channel's.
 */
public final class GlobalId {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private GlobalId() {
	}

	/** A decoded id: which type, and the id of the document. */
	public record Parts(String typeName, String rawId) {
	}

	public static String encode(String typeName, String rawId) {
		return ENCODER.encodeToString((typeName + ":" + rawId).getBytes(StandardCharsets.UTF_8));
	}

	public static Optional<Parts> decode(String globalId) {
		try {
			String text = new String(DECODER.decode(globalId), StandardCharsets.UTF_8);
			int colon = text.indexOf(':');
			if (colon <= 0 || colon == text.length() - 1) {
				return Optional.empty();
			}
			return Optional.of(new Parts(text.substring(0, colon), text.substring(colon + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The document id, when the global id is well formed and names the expected type. */
	public static Optional<String> decode(String globalId, String expectedType) {
		return decode(globalId).filter(parts -> parts.typeName().equals(expectedType)).map(Parts::rawId);
	}

}
