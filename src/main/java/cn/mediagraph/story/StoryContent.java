package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What an edit changes of a story: its text, tags, credits, media and versions, without its
 * place in review. A revision keeps one of these whole.
 */
public record StoryContent(String title, String summary, String body, String language, List<String> tags,
		@Nullable String region, List<String> bylines, List<MediaAsset> assets, List<StoryVersion> versions) {

	/** The fields whose changes a revision names, in the order they are shown. */
	static final List<String> FIELDS = List.of("title", "summary", "body", "language", "tags", "region", "bylines",
			"assets", "versions");

	/** Fields of running text, compared line by line. */
	static final List<String> TEXT_FIELDS = List.of("summary", "body");

	static StoryContent of(Story story) {
		return new StoryContent(story.title(), story.summary(), story.body(), story.language(), story.tags(),
				story.region(), story.bylines(), story.assets(), story.versions());
	}

	/** The names of the fields that differ from {@code before}, in {@link #FIELDS} order. */
	List<String> changedFrom(StoryContent before) {
		Map<String, @Nullable String> now = shown();
		Map<String, @Nullable String> then = before.shown();
		return FIELDS.stream().filter(field -> !Objects.equals(now.get(field), then.get(field))).toList();
	}

	/** Each field as text: lists one item a line. */
	Map<String, @Nullable String> shown() {
		Map<String, @Nullable String> fields = new LinkedHashMap<>();
		fields.put("title", title);
		fields.put("summary", summary);
		fields.put("body", body);
		fields.put("language", language);
		fields.put("tags", String.join("\n", tags));
		fields.put("region", region);
		fields.put("bylines", String.join("\n", bylines));
		fields.put("assets", assets.stream()
			.map(asset -> asset.kind() + " " + asset.url() + (asset.caption() == null ? "" : " " + asset.caption()))
			.collect(Collectors.joining("\n")));
		List<String> lines = new ArrayList<>();
		for (StoryVersion version : versions) {
			lines.add(version.format() + " " + version.medium() + " " + version.title());
		}
		fields.put("versions", String.join("\n", lines));
		return fields;
	}

}
