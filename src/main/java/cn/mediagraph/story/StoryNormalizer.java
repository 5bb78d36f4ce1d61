package cn.mediagraph.story;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.platform.text.CleanText;
import cn.mediagraph.story.StoryInputs.StoryVersionInput;
import org.jspecify.annotations.Nullable;

/**
 * How story input is normalized before it is stored, the same on create and update: text
 * cleaned ({@link CleanText}) and trimmed, tags and bylines trimmed and de-duplicated, missing text empty. (Kept out of
 * {@link StoryMapper}, where MapStruct would take these for mapping methods.)
 */
final class StoryNormalizer {

	private StoryNormalizer() {
	}

	/** A version for a channel goes out on that channel's medium. */
	static Medium mediumOf(StoryVersionInput input, Map<String, Channel> channels) {
		return StoryValidator.rawChannelId(input).map(channels::get).map(Channel::medium).orElse(input.medium());
	}

	/** Body text and summaries: line breaks kept, see {@link CleanText}. */
	static String text(@Nullable String value) {
		return value == null ? "" : CleanText.multiLine(value);
	}

	/** Headlines: one line, see {@link CleanText}. */
	static String title(String value) {
		return CleanText.line(value).strip();
	}

	static @Nullable String optional(@Nullable String value) {
		return value == null || value.isBlank() ? null : CleanText.multiLine(value).strip();
	}

	/** A blank region means none: the story is not about one township. */
	static @Nullable String region(@Nullable String value) {
		return value == null || value.isBlank() ? null : CleanText.line(value).strip();
	}

	/** Trimmed and de-duplicated, first occurrence first, so tag filters match exactly. */
	static List<String> tags(@Nullable List<String> values) {
		return distinctStripped(values);
	}

	static List<String> bylines(@Nullable List<String> values) {
		return distinctStripped(values);
	}

	private static List<String> distinctStripped(@Nullable List<String> values) {
		if (values == null) {
			return List.of();
		}
		LinkedHashSet<String> distinct = new LinkedHashSet<>();
		values.stream()
			.filter(value -> value != null && !value.isBlank())
			.map(value -> CleanText.line(value).strip())
			.filter(value -> !value.isEmpty())
			.forEach(distinct::add);
		return List.copyOf(distinct);
	}

}
