package cn.mediagraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import cn.mediagraph.platform.text.CleanText;
import org.jspecify.annotations.Nullable;

/**
 * Collects the problems of one mutation input, so a payload reports all of them at once and
 * nothing is written while any remains.
 */
public final class UserErrors {

	private final List<UserError> errors = new ArrayList<>();

	private final String[] prefix;

	/** Errors whose field paths start with {@code prefix}, e.g. {@code "input"}. */
	public UserErrors(String... prefix) {
		this.prefix = prefix;
	}

	public List<UserError> list() {
		return List.copyOf(errors);
	}

	public boolean any() {
		return !errors.isEmpty();
	}

	public UserErrors add(String code, String message, String... field) {
		errors.add(new UserError(path(field), code, message));
		return this;
	}

	public UserErrors addAll(Collection<UserError> more) {
		errors.addAll(more);
		return this;
	}

	/** Required text: present, not blank, at most {@code maxLength} characters. */
	public UserErrors text(@Nullable String value, int maxLength, String... field) {
		if (value == null || CleanText.isBlank(value)) {
			return add(UserError.REQUIRED, "Must not be blank", field);
		}
		return optionalText(value, maxLength, field);
	}

	/** Optional text: when given, at most {@code maxLength} characters. */
	public UserErrors optionalText(@Nullable String value, int maxLength, String... field) {
		if (value != null && value.codePointCount(0, value.length()) > maxLength) {
			add(UserError.TOO_LONG, "Must be at most " + maxLength + " characters", field);
		}
		return this;
	}

	/**
	 * Required text of at most {@code maxBytes} bytes in UTF-8, for values whose limit is in bytes
	 * (a password: BCrypt reads 72).
	 */
	public UserErrors utf8Text(@Nullable String value, int maxBytes, String... field) {
		if (value == null || value.isBlank()) {
			return add(UserError.REQUIRED, "Must not be blank", field);
		}
		if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
			add(UserError.TOO_LONG, "Must be at most " + maxBytes + " bytes in UTF-8 (" + maxBytes
					+ " Latin letters or digits, " + maxBytes / 3 + " Chinese characters)", field);
		}
		return this;
	}

	public UserErrors matches(@Nullable String value, Pattern pattern, String message, String... field) {
		if (value != null && !pattern.matcher(value).matches()) {
			add(UserError.INVALID, message, field);
		}
		return this;
	}

	public UserErrors range(@Nullable Integer value, int min, int max, String... field) {
		if (value != null && (value < min || value > max)) {
			add(UserError.INVALID, "Must be between " + min + " and " + max, field);
		}
		return this;
	}

	private List<String> path(String... field) {
		List<String> path = new ArrayList<>(List.of(prefix));
		path.addAll(List.of(field));
		return List.copyOf(path);
	}

}
