package cn.mediagraph.story;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.story.StoryInputs.MediaAssetInput;
import cn.mediagraph.story.StoryInputs.StoryFields;
import cn.mediagraph.story.StoryInputs.StoryVersionInput;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The newsroom's rules for story input. Every problem is reported at once, each at the path of
 * the field at fault (e.g. {@code input.versions.2.channelId}), and the channels that versions
 * name are looked up in one command for all of them.
 */
@Component
class StoryValidator {

	static final int MAX_TITLE = 200;

	static final int MAX_SUMMARY = 1_000;

	static final int MAX_BODY = 100_000;

	static final int MAX_TAGS = 20;

	static final int MAX_TAG = 30;

	static final int MAX_REGION = 50;

	static final int MAX_BYLINES = 10;

	static final int MAX_BYLINE = 60;

	static final int MAX_ASSETS = 20;

	static final int MAX_URL = 2_000;

	static final int MAX_CAPTION = 500;

	static final int MAX_VERSIONS = 20;

	static final int MAX_VERSION_BODY = 20_000;

	/** A day: nothing a county center airs or streams in one piece runs longer. */
	static final int MAX_DURATION = 86_400;

	/** BCP-47 in the shape newsrooms use: a language, then subtags (zh-Hans, zh-Hans-CN, bo). */
	static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

	private final ChannelService channels;

	StoryValidator(ChannelService channels) {
		this.channels = channels;
	}

	/**
	 * The problems of the input and the channels its versions name, by document id.
	 *
	 * @param creating whether every required field must be given (create) or only those
	 * given are checked (update)
	 */
	Checked check(StoryFields input, boolean creating) {
		Map<String, Channel> found = input.versions() == null ? Map.of() : findChannels(channelIds(input.versions()));
		return check(input, creating, new UserErrors("input"), found);
	}

	/**
	 * The problems of a story to import, its fields named from the line's top level; the
	 * channels its versions may name were looked up once for its whole batch.
	 */
	Checked checkImported(StoryFields input, Map<String, Channel> channels) {
		return check(input, true, new UserErrors(), channels);
	}

	private static Checked check(StoryFields input, boolean creating, UserErrors errors, Map<String, Channel> channels) {
		checkText(input, creating, errors);
		checkTags(input.tags(), errors);
		checkBylines(input.bylines(), errors);
		checkAssets(input.assets(), errors);
		checkVersions(input.versions(), channels, errors);
		return new Checked(errors.list(), channels);
	}

	/**
	 * The outcome of a check.
	 *
	 * @param errors what the user must fix; nothing may be written while any
	 * @param channels the channels the versions name, found in the caller's center, by id
	 */
	record Checked(List<UserError> errors, Map<String, Channel> channels) {

		boolean failed() {
			return !errors.isEmpty();
		}

	}

	private static void checkText(StoryFields input, boolean creating, UserErrors errors) {
		if (creating || input.title() != null) {
			errors.text(input.title(), MAX_TITLE, "title");
		}
		if (creating || input.language() != null) {
			errors.text(input.language(), 20, "language")
				.matches(input.language(), LANGUAGE, "A BCP-47 language tag such as zh-Hans or bo", "language");
		}
		errors.optionalText(input.summary(), MAX_SUMMARY, "summary")
			.optionalText(input.body(), MAX_BODY, "body")
			.optionalText(input.region() == null ? null : input.region().strip(), MAX_REGION, "region");
	}

	private static void checkTags(@Nullable List<String> tags, UserErrors errors) {
		if (tags == null) {
			return;
		}
		if (StoryNormalizer.tags(tags).size() > MAX_TAGS) {
			errors.add(UserError.TOO_LONG, "At most " + MAX_TAGS + " distinct tags", "tags");
		}
		for (int i = 0; i < tags.size(); i++) {
			errors.text(strip(tags.get(i)), MAX_TAG, "tags", String.valueOf(i));
		}
	}

	private static void checkBylines(@Nullable List<String> bylines, UserErrors errors) {
		if (bylines == null) {
			return;
		}
		if (bylines.size() > MAX_BYLINES) {
			errors.add(UserError.TOO_LONG, "At most " + MAX_BYLINES + " bylines", "bylines");
		}
		for (int i = 0; i < bylines.size(); i++) {
			errors.text(strip(bylines.get(i)), MAX_BYLINE, "bylines", String.valueOf(i));
		}
	}

	private static void checkAssets(@Nullable List<MediaAssetInput> assets, UserErrors errors) {
		if (assets == null) {
			return;
		}
		if (assets.size() > MAX_ASSETS) {
			errors.add(UserError.TOO_LONG, "At most " + MAX_ASSETS + " media assets", "assets");
		}
		for (int i = 0; i < assets.size(); i++) {
			checkAsset(assets.get(i), String.valueOf(i), errors);
		}
	}

	private static void checkAsset(MediaAssetInput asset, String index, UserErrors errors) {
		if (asset.kind() == null) {
			errors.add(UserError.REQUIRED, "Say whether it is a video, photo or audio", "assets", index, "kind");
		}
		errors.text(asset.url(), MAX_URL, "assets", index, "url")
			.range(asset.durationSeconds(), 0, MAX_DURATION, "assets", index, "durationSeconds")
			.optionalText(asset.caption(), MAX_CAPTION, "assets", index, "caption");
		if (asset.url() != null && !asset.url().isBlank() && !isWebUrl(asset.url())) {
			errors.add(UserError.INVALID, "An http or https URL", "assets", index, "url");
		}
	}

	static boolean isWebUrl(String url) {
		try {
			URI uri = new URI(url.strip());
			String scheme = uri.getScheme();
			return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static void checkVersions(@Nullable List<StoryVersionInput> versions, Map<String, Channel> found,
			UserErrors errors) {
		if (versions == null) {
			return;
		}
		if (versions.size() > MAX_VERSIONS) {
			errors.add(UserError.TOO_LONG, "At most " + MAX_VERSIONS + " versions", "versions");
		}
		for (int i = 0; i < versions.size(); i++) {
			checkVersion(versions.get(i), String.valueOf(i), found, errors);
		}
	}

	/** The channel document ids the versions name. */
	static List<String> channelIds(List<StoryVersionInput> versions) {
		return versions.stream().map(StoryValidator::rawChannelId).flatMap(Optional::stream).distinct().toList();
	}

	/** The caller's channels among these ids, in one lookup however many versions name them. */
	Map<String, Channel> findChannels(List<String> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return channels.findExisting(ids).stream().collect(Collectors.toMap(Channel::id, Function.identity()));
	}

	private static void checkVersion(StoryVersionInput version, String index, Map<String, Channel> found,
			UserErrors errors) {
		if (version.format() == null) {
			errors.add(UserError.REQUIRED, "Say which form this version takes", "versions", index, "format");
		}
		errors.text(version.title(), MAX_TITLE, "versions", index, "title")
			.optionalText(version.body(), MAX_VERSION_BODY, "versions", index, "body")
			.range(version.durationSeconds(), 0, MAX_DURATION, "versions", index, "durationSeconds");
		checkTarget(version, index, found, errors);
	}

	/** A version names a channel of this center, or at least a medium; both must agree. */
	private static void checkTarget(StoryVersionInput version, String index, Map<String, Channel> found,
			UserErrors errors) {
		if (version.channelId() == null) {
			if (version.medium() == null) {
				errors.add(UserError.REQUIRED, "Name a channel or a medium", "versions", index);
			}
			return;
		}
		Channel channel = rawChannelId(version).map(found::get).orElse(null);
		if (channel == null) {
			errors.add(UserError.NOT_FOUND, "No such channel in this media center", "versions", index, "channelId");
			return;
		}
		if (version.medium() != null && version.medium() != channel.medium()) {
			errors.add(UserError.INVALID, "The channel '" + channel.name() + "' is " + channel.medium()
					+ "; leave the medium out or make it agree", "versions", index, "medium");
		}
	}

	/** The channel's document id, when the version names one by a well-formed channel id. */
	static Optional<String> rawChannelId(StoryVersionInput version) {
		return Optional.ofNullable(version.channelId()).flatMap(id -> GlobalId.decode(id, "Channel"));
	}

	private static @Nullable String strip(@Nullable String value) {
		return value == null ? null : value.strip();
	}

}
