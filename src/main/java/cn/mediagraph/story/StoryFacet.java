package cn.mediagraph.story;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import cn.mediagraph.story.StoryInputs.StoryFilter;
import org.jspecify.annotations.Nullable;

/**
 * The keyword fields a story is filtered and counted by: each says, once, which values a story
 * has and which value a filter asks for, so the index, the filter and the facet counts cannot
 * disagree.
 */
enum StoryFacet {

	STATUS(story -> List.of(story.status().name()), filter -> filter.status() == null ? null : filter.status().name()),

	CHANNEL(Story::channelIds, filter -> null),

	TAG(Story::tags, filter -> stripped(filter.tag())),

	REGION(story -> story.region() == null ? List.of() : List.of(story.region()), filter -> stripped(filter.region())),

	LANGUAGE(story -> List.of(canonicalLanguage(story.language())),
			filter -> filter.language() == null || filter.language().isBlank() ? null
					: canonicalLanguage(filter.language()));

	private final Function<Story, List<String>> values;

	private final Function<StoryFilter, @Nullable String> wanted;

	StoryFacet(Function<Story, List<String>> values, Function<StoryFilter, @Nullable String> wanted) {
		this.values = values;
		this.wanted = wanted;
	}

	/** The index field. */
	String field() {
		return name().toLowerCase(Locale.ROOT);
	}

	List<String> valuesOf(Story story) {
		return values.apply(story);
	}

	/**
	 * The value the filter asks for, if any. (The channel filter names a global id, which
	 * {@link StoryQuery} decodes.)
	 */
	@Nullable String wantedBy(StoryFilter filter) {
		return wanted.apply(filter);
	}

	/** BCP-47 tags are case-insensitive: {@code ZH-hans} is stored and found as {@code zh-Hans}. */
	static String canonicalLanguage(String tag) {
		return Locale.forLanguageTag(tag.strip()).toLanguageTag();
	}

	private static @Nullable String stripped(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
