package cn.mediagraph.platform.graphql;

import org.jspecify.annotations.Nullable;

/**
 * The Relay arguments of a connection field, checked: either {@code first}/{@code after}
 * (forward) or {@code last}/{@code before} (backward), with 1 to {@value #MAX_SIZE} nodes.
 *
 * @param size how many nodes
 * @param forward whether paging runs forward (newest first)
 * @param cursor the opaque cursor to start after (forward) or before (backward), if any
 */
public record PageRequest(int size, boolean forward, @Nullable String cursor) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static PageRequest of(@Nullable Integer first, @Nullable String after, @Nullable Integer last,
			@Nullable String before) {
		if (first != null && last != null) {
			throw new BadRequestException("Give either first (with after) or last (with before), not both");
		}
		if (last != null || before != null) {
			if (after != null) {
				throw new BadRequestException("after goes with first, before with last");
			}
			return new PageRequest(checked(last != null ? last : DEFAULT_SIZE, "last"), false, before);
		}
		return new PageRequest(checked(first != null ? first : DEFAULT_SIZE, "first"), true, after);
	}

	/** A page size, 1 to {@value #MAX_SIZE}, or a BAD_REQUEST naming the argument: what every list answers. */
	public static int checked(int size, String argument) {
		if (size < 1 || size > MAX_SIZE) {
			throw new BadRequestException(argument + " must be between 1 and " + MAX_SIZE + ", was " + size);
		}
		return size;
	}

}
