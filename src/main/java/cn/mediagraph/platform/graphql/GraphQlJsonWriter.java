package cn.mediagraph.platform.graphql;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;

/**
 * Writes GraphQL responses over HTTP. A response is a tree of maps, lists, strings, numbers,
 * booleans and nulls (graphql-java has already turned every scalar and enum into one of them),
 * and this writes such a tree straight to UTF-8 bytes, with its length known, where a
 * general-purpose mapper looks up a serializer for every value: on the newsroom list, 440
 * fields, Jackson's map serialization was an eighth of the request's CPU. Anything else in a
 * response (an extension value of some other type) makes the whole response go through the
 * delegate instead, as does reading requests.
 */
final class GraphQlJsonWriter implements HttpMessageConverter<Object> {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

	private static final MediaType APPLICATION_GRAPHQL = MediaType.parseMediaType("application/graphql");

	/** Longer strings go to the delegate: six bytes a char are reserved for a string. */
	private static final int MAX_STRING = 64 << 20;

	private final HttpMessageConverter<Object> delegate;

	@SuppressWarnings("unchecked")
	GraphQlJsonWriter(HttpMessageConverter<?> delegate) {
		this.delegate = (HttpMessageConverter<Object>) delegate;
	}

	/**
	 * JSON, and JSON sent as {@code application/graphql} by older clients: Spring for GraphQL
	 * reads that as JSON when it has no converter of its own, and this keeps it so.
	 */
	@Override
	public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
		return delegate.canRead(clazz, mediaType != null && APPLICATION_GRAPHQL.includes(mediaType) ? MediaType.APPLICATION_JSON : mediaType);
	}

	@Override
	public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
		return delegate.canWrite(clazz, mediaType);
	}

	@Override
	public List<MediaType> getSupportedMediaTypes() {
		return delegate.getSupportedMediaTypes();
	}

	@Override
	public List<MediaType> getSupportedMediaTypes(Class<?> clazz) {
		return delegate.getSupportedMediaTypes(clazz);
	}

	@Override
	public Object read(Class<?> clazz, HttpInputMessage inputMessage) throws IOException, HttpMessageNotReadableException {
		return delegate.read(clazz, inputMessage);
	}

	@Override
	public void write(Object value, @Nullable MediaType contentType, HttpOutputMessage outputMessage)
			throws IOException, HttpMessageNotWritableException {
		Bytes json = value instanceof Map<?, ?> map ? written(map) : null;
		if (json == null) {
			delegate.write(value, contentType, outputMessage);
			return;
		}
		if (outputMessage.getHeaders().getContentType() == null) {
			outputMessage.getHeaders()
				.setContentType(contentType != null && contentType.isConcrete() ? contentType : MediaType.APPLICATION_JSON);
		}
		outputMessage.getHeaders().setContentLength(json.length);
		outputMessage.getBody().write(json.buffer, 0, json.length);
		outputMessage.getBody().flush();
	}

	/** The response as JSON in UTF-8, or null when it holds a value of another kind. */
	static byte @Nullable [] bytes(Map<?, ?> response) {
		Bytes out = written(response);
		return out == null ? null : Arrays.copyOf(out.buffer, out.length);
	}

	private static @Nullable Bytes written(Map<?, ?> response) {
		Bytes out = new Bytes();
		return out.value(response) ? out : null;
	}

	/** A growing buffer the tree is written into. */
	private static final class Bytes {

		byte[] buffer = new byte[8192];

		int length;

		boolean value(@Nullable Object value) {
			if (value == null) {
				raw(NULL);
			}
			else if (value instanceof String string) {
				if (string.length() > MAX_STRING) {
					return false;
				}
				string(string);
			}
			else if (value instanceof Map<?, ?> map) {
				byte separator = '{';
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					put(separator);
					separator = ',';
					if (!(entry.getKey() instanceof String key) || key.length() > MAX_STRING) {
						return false;
					}
					string(key);
					put((byte) ':');
					if (!value(entry.getValue())) {
						return false;
					}
				}
				if (separator == '{') {
					put((byte) '{');
				}
				put((byte) '}');
			}
			else if (value instanceof List<?> list) {
				put((byte) '[');
				for (int i = 0; i < list.size(); i++) {
					if (i > 0) {
						put((byte) ',');
					}
					if (!value(list.get(i))) {
						return false;
					}
				}
				put((byte) ']');
			}
			else if (value instanceof Boolean bool) {
				raw(bool ? TRUE : FALSE);
			}
			else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
					|| value instanceof BigInteger || value instanceof BigDecimal) {
				ascii(value.toString());
			}
			else if (value instanceof Double || value instanceof Float) {
				double number = ((Number) value).doubleValue();
				if (!Double.isFinite(number)) {
					return false;
				}
				ascii(value.toString());
			}
			else {
				return false;
			}
			return true;
		}

		private void string(String text) {
			int n = text.length();
			// the most a char can take: 6 bytes, as an escape
			ensure(n * 6 + 2);
			byte[] b = buffer;
			int at = length;
			b[at++] = '"';
			for (int i = 0; i < n; i++) {
				char c = text.charAt(i);
				if (c < 0x80) {
					if (c >= 0x20 && c != '"' && c != '\\') {
						b[at++] = (byte) c;
						continue;
					}
					length = at;
					escape(c);
					at = length;
				}
				else if (c < 0x800) {
					b[at++] = (byte) (0xc0 | (c >> 6));
					b[at++] = (byte) (0x80 | (c & 0x3f));
				}
				else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
					int code = Character.toCodePoint(c, text.charAt(++i));
					b[at++] = (byte) (0xf0 | (code >> 18));
					b[at++] = (byte) (0x80 | ((code >> 12) & 0x3f));
					b[at++] = (byte) (0x80 | ((code >> 6) & 0x3f));
					b[at++] = (byte) (0x80 | (code & 0x3f));
				}
				else if (Character.isSurrogate(c)) {
					// a lone surrogate has no UTF-8 form: JSON's escape keeps it as it is
					length = at;
					escape(c);
					at = length;
				}
				else {
					b[at++] = (byte) (0xe0 | (c >> 12));
					b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
					b[at++] = (byte) (0x80 | (c & 0x3f));
				}
			}
			b[at++] = '"';
			length = at;
		}

		/** Writes an escape, in the room reserved with the string. */
		private void escape(char c) {
			switch (c) {
				case '"' -> raw2('\\', '"');
				case '\\' -> raw2('\\', '\\');
				case '\n' -> raw2('\\', 'n');
				case '\r' -> raw2('\\', 'r');
				case '\t' -> raw2('\\', 't');
				case '\b' -> raw2('\\', 'b');
				case '\f' -> raw2('\\', 'f');
				default -> {
					buffer[length++] = '\\';
					buffer[length++] = 'u';
					buffer[length++] = HEX[(c >> 12) & 0xf];
					buffer[length++] = HEX[(c >> 8) & 0xf];
					buffer[length++] = HEX[(c >> 4) & 0xf];
					buffer[length++] = HEX[c & 0xf];
				}
			}
		}

		private void raw2(char a, char b) {
			buffer[length++] = (byte) a;
			buffer[length++] = (byte) b;
		}

		private void ascii(String text) {
			ensure(text.length());
			for (int i = 0; i < text.length(); i++) {
				buffer[length++] = (byte) text.charAt(i);
			}
		}

		private void raw(byte[] bytes) {
			ensure(bytes.length);
			System.arraycopy(bytes, 0, buffer, length, bytes.length);
			length += bytes.length;
		}

		private void put(byte b) {
			ensure(1);
			buffer[length++] = b;
		}

		private void ensure(int more) {
			if (length + more > buffer.length) {
				buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
			}
		}

	}

}
