package cn.mediagraph.platform.graphql;

import java.util.List;

/**
 * A problem the user can fix, returned in a mutation payload rather than as a GraphQL error.
 *
 * @param field the path to the input field at fault, e.g. {@code ["input", "title"]}; empty
 * when the problem is not one field's
 * @param code a stable SCREAMING_CASE code for programs ({@code INVALID}, {@code CONFLICT} …)
 * @param message a sentence for people
 */
public record UserError(List<String> field, String code, String message) {

	public static final String INVALID = "INVALID";

	public static final String REQUIRED = "REQUIRED";

	public static final String TOO_LONG = "TOO_LONG";

	public static final String NOT_FOUND = "NOT_FOUND";

	public static final String CONFLICT = "CONFLICT";

	public static final String FORBIDDEN = "FORBIDDEN";

	public static final String TAKEN = "TAKEN";

	public static UserError of(String code, String message, String... field) {
		return new UserError(List.of(field), code, message);
	}

}
