package cn.mediagraph.story;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.text.BoundedLines;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.story.StoryInputs.MediaAssetInput;
import cn.mediagraph.story.StoryInputs.StoryFields;
import cn.mediagraph.story.StoryInputs.StoryVersionInput;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports an archive of stories from NDJSON (one story per line), streamed: memory holds one
 * batch, whatever the file's size. Each line is checked by the same rules as {@code createStory};
 * good lines are kept, bad ones reported by line number and field. Importing the same file again
 * changes nothing: a story is known by its {@code externalId}.
 */
@Service
class StoryImport {

	/** Lines checked and written together: one counter update and one bulk insert each. */
	static final int BATCH = 500;

	/** The longest line taken: the longest story the schema allows, with all its versions. */
	static final int MAX_LINE_CHARS = 600_000;

	/** Rejections listed in the answer; more are counted only. */
	static final int MAX_REPORTED = 1_000;

	static final int MAX_EXTERNAL_ID = 200;

	private static final Pattern EXTERNAL_ID = Pattern.compile("[\\p{L}\\p{N}._:/-]+");

	/** Clocks differ: an archive's newest story may be stamped a little ahead of ours. */
	private static final Duration FUTURE_SLACK = Duration.ofDays(1);

	private final TenantStore store;

	private final StoryValidator validator;

	private final StoryMapper mapper;

	private final StoryService stories;

	private final ObjectReader lines;

	private final Clock clock;

	StoryImport(TenantStore store, StoryValidator validator, StoryMapper mapper, StoryService stories, JsonMapper json,
			Clock clock) {
		this.store = store;
		this.validator = validator;
		this.mapper = mapper;
		this.stories = stories;
		this.lines = json.readerFor(ImportedStory.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.clock = clock;
	}

	/**
	 * A story as an archive line gives it.
	 *
	 * @param externalId the archive's id of the story: letters, digits and {@code . _ : / -}
	 * @param status where it stands; PUBLISHED when not given (an archive holds what ran)
	 * @param createdAt when it was filed, ISO-8601 with an offset
	 */
	record ImportedStory(@Nullable String externalId, @Nullable String title, @Nullable String summary,
			@Nullable String body, @Nullable String language, @Nullable List<String> tags, @Nullable String region,
			@Nullable List<String> bylines, @Nullable List<MediaAssetInput> assets,
			@Nullable List<StoryVersionInput> versions, @Nullable String status, @Nullable String createdAt)
			implements StoryFields {
	}

	/** A line that was not imported, and why. */
	record Rejected(long line, @Nullable String field, String code, String message) {
	}

	/**
	 * What an import did.
	 *
	 * @param accepted stories written
	 * @param duplicates lines whose story was already there (same externalId)
	 * @param rejectedLines lines refused
	 * @param rejected the first {@value #MAX_REPORTED} refused lines with their reasons
	 */
	record Summary(long accepted, long duplicates, long rejectedLines, List<Rejected> rejected) {
	}

	/** Reads the archive to its end and imports it into the caller's center. */
	@PreAuthorize("hasRole('EDITOR')")
	Summary importFrom(Reader ndjson) throws IOException {
		TenantStore.Scope scope = store.current();
		String author = CurrentUser.require().userId();
		Progress progress = new Progress();
		List<Numbered> batch = new ArrayList<>(BATCH);
		BoundedLines reader = new BoundedLines(ndjson, MAX_LINE_CHARS);
		for (String line = reader.next(); line != null; line = reader.next()) {
			long number = reader.lineNumber();
			if (reader.truncated()) {
				batch.add(Numbered.refused(new Rejected(number, null, UserError.TOO_LONG,
						"A line is at most " + MAX_LINE_CHARS + " characters")));
			}
			else if (!line.isBlank()) {
				batch.add(parse(number, line));
			}
			if (batch.size() == BATCH) {
				write(scope, batch, author, progress);
			}
		}
		write(scope, batch, author, progress);
		return progress.summary();
	}

	/** A line of the batch: the story it gives, or why it gives none. */
	private record Numbered(long line, @Nullable ImportedStory story, @Nullable Rejected refused) {

		static Numbered refused(Rejected why) {
			return new Numbered(why.line(), null, why);
		}

	}

	private Numbered parse(long number, String line) {
		try {
			return new Numbered(number, lines.readValue(line), null);
		}
		catch (UnrecognizedPropertyException ex) {
			return Numbered.refused(new Rejected(number, ex.getPropertyName(), UserError.INVALID,
					"Not a field of an imported story: " + ex.getPropertyName()));
		}
		catch (JacksonException ex) {
			return Numbered.refused(new Rejected(number, null, UserError.INVALID, "Not a JSON object of a story" + at(ex)));
		}
	}

	private static String at(JacksonException ex) {
		var location = ex.getLocation();
		return location == null ? "" : " (column " + location.getColumnNr() + ")";
	}

	/** Checks a batch, writes its good stories, and counts what happened. */
	private void write(TenantStore.Scope scope, List<Numbered> batch, String author, Progress progress) {
		if (batch.isEmpty()) {
			return;
		}
		List<String> channelIds = batch.stream()
			.filter(line -> line.story() != null && line.story().versions() != null)
			.flatMap(line -> StoryValidator.channelIds(line.story().versions()).stream())
			.distinct()
			.toList();
		Map<String, Channel> channels = validator.findChannels(channelIds);
		List<Story> good = new ArrayList<>(batch.size());
		for (Numbered line : batch) {
			if (line.refused() != null) {
				progress.reject(line.refused());
				continue;
			}
			List<UserError> errors = check(line.story(), channels);
			if (errors.isEmpty()) {
				good.add(toStory(scope.tenantId(), line.story(), channels, author));
			}
			else {
				errors.forEach(error -> progress.reject(new Rejected(line.line(), String.join(".", error.field()),
						error.code(), error.message())));
			}
		}
		int inserted = stories.importStories(scope.tenantId(), good).size();
		progress.accepted += inserted;
		progress.duplicates += good.size() - inserted;
		batch.clear();
	}

	private List<UserError> check(ImportedStory story, Map<String, Channel> channels) {
		List<UserError> errors = new ArrayList<>(validator.checkImported(story, channels).errors());
		if (story.externalId() == null || story.externalId().isBlank()) {
			errors.add(UserError.of(UserError.REQUIRED, "Give the archive's id of the story", "externalId"));
		}
		else if (story.externalId().length() > MAX_EXTERNAL_ID || !EXTERNAL_ID.matcher(story.externalId()).matches()) {
			errors.add(UserError.of(UserError.INVALID, "At most " + MAX_EXTERNAL_ID
					+ " letters, digits and . _ : / -", "externalId"));
		}
		if (story.status() != null && !isStatus(story.status())) {
			errors.add(UserError.of(UserError.INVALID, "One of " + List.of(StoryStatus.values()), "status"));
		}
		if (story.createdAt() == null) {
			errors.add(UserError.of(UserError.REQUIRED, "Give when the story was filed, e.g. 2019-03-01T08:00:00+08:00",
					"createdAt"));
		}
		else {
			Instant createdAt = instant(story.createdAt());
			if (createdAt == null) {
				errors.add(UserError.of(UserError.INVALID, "An ISO-8601 instant with an offset, e.g. "
						+ "2019-03-01T08:00:00+08:00", "createdAt"));
			}
			else if (createdAt.isAfter(clock.instant().plus(FUTURE_SLACK))) {
				errors.add(UserError.of(UserError.INVALID, "A story cannot be filed in the future", "createdAt"));
			}
		}
		return errors;
	}

	private Story toStory(String tenantId, ImportedStory line, Map<String, Channel> channels, String author) {
		StoryInputs.CreateStoryInput input = new StoryInputs.CreateStoryInput(line.title(), line.summary(), line.body(),
				line.language(), line.tags(), line.region(), line.bylines(), line.assets(), line.versions());
		Instant createdAt = instant(line.createdAt());
		Story story = mapper.toStory(input, "", tenantId, 0, mapper.toVersions(line.versions(), channels), author,
				createdAt);
		StoryStatus status = line.status() == null ? StoryStatus.PUBLISHED : StoryStatus.valueOf(line.status());
		return story.imported(line.externalId().strip(), status);
	}

	private static boolean isStatus(String value) {
		for (StoryStatus status : StoryStatus.values()) {
			if (status.name().equals(value)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Instant instant(@Nullable String value) {
		try {
			return value == null ? null : OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Counts as the import goes; keeps the first {@value #MAX_REPORTED} rejections. */
	private static final class Progress {

		long accepted;

		long duplicates;

		long rejectedLines;

		private long lastRejectedLine = -1;

		private final List<Rejected> rejected = new ArrayList<>();

		void reject(Rejected why) {
			if (why.line() != lastRejectedLine) {
				rejectedLines++;
				lastRejectedLine = why.line();
			}
			if (rejected.size() < MAX_REPORTED) {
				rejected.add(why);
			}
		}

		Summary summary() {
			return new Summary(accepted, duplicates, rejectedLines, List.copyOf(rejected));
		}

	}

}
