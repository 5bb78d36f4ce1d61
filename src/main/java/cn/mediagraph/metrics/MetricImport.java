package cn.mediagraph.metrics;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.text.BoundedLines;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a platform export of samples, NDJSON or CSV, streamed: memory holds one batch whatever
 * the file's size. Good rows are ingested, bad ones counted and reported by line.
 * <p>
 * CSV: a header row naming the columns (any order): {@code channelId, postId, externalId, metric,
 * value, weight, observedAt, mode, source}; fields may be quoted ({@code ""} for a quote).
 */
@Service
class MetricImport {

	/** The longest line taken. */
	static final int MAX_LINE_CHARS = 4_000;

	static final List<String> COLUMNS = List.of("channelId", "postId", "externalId", "metric", "value", "weight",
			"observedAt", "mode", "source");

	private final MetricIngestion ingestion;

	private final ObjectReader rows;

	MetricImport(MetricIngestion ingestion, JsonMapper json) {
		this.ingestion = ingestion;
		this.rows = json.readerFor(Row.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	/** A row as a file gives it, every field text (or a JSON number). */
	record Row(@Nullable String channelId, @Nullable String postId, @Nullable String externalId, @Nullable String metric,
			@Nullable String value, @Nullable String weight, @Nullable String observedAt, @Nullable String mode,
			@Nullable String source) {
	}

	/** The answer of the endpoint: counts, and the first rejected rows with line and reason. */
	record Summary(long accepted, long duplicates, long rejected, List<IngestSummary.Rejected> errors) {
	}

	@PreAuthorize("hasAnyRole('EDITOR', 'ADMIN')")
	Summary importFrom(Reader body, boolean csv) throws IOException {
		CurrentUser user = CurrentUser.require();
		String tenantId = user.requireTenantId();
		IngestSummary summary = new IngestSummary();
		BoundedLines lines = new BoundedLines(body, MAX_LINE_CHARS);
		List<Sample> batch = new ArrayList<>(MetricIngestion.BATCH);
		List<String> header = null;
		for (String line = lines.next(); line != null; line = lines.next()) {
			long number = lines.lineNumber();
			if (lines.truncated()) {
				summary.reject(number, null, UserError.TOO_LONG, "A line is at most " + MAX_LINE_CHARS + " characters");
				continue;
			}
			if (line.isBlank()) {
				continue;
			}
			if (csv && header == null) {
				header = Csv.fields(line).stream().map(String::strip).toList();
				List<String> unknown = header.stream().filter(name -> !COLUMNS.contains(name)).toList();
				if (!unknown.isEmpty()) {
					summary.reject(number, null, UserError.INVALID, "Unknown columns " + unknown + "; known: " + COLUMNS);
					return summary(summary);
				}
				continue;
			}
			Row row = csv ? csvRow(header, line, number, summary) : jsonRow(line, number, summary);
			Sample sample = row == null ? null : sample(number, row, summary);
			if (sample != null) {
				batch.add(sample);
			}
			if (batch.size() == MetricIngestion.BATCH) {
				ingestion.ingestBatch(tenantId, user.userId(), "bulk", batch, summary);
				batch.clear();
			}
		}
		ingestion.ingestBatch(tenantId, user.userId(), "bulk", batch, summary);
		return summary(summary);
	}

	private static Summary summary(IngestSummary summary) {
		return new Summary(summary.accepted(), summary.duplicates(), summary.rejected(), summary.errors());
	}

	private @Nullable Row jsonRow(String line, long number, IngestSummary summary) {
		try {
			return rows.readValue(line);
		}
		catch (UnrecognizedPropertyException ex) {
			summary.reject(number, ex.getPropertyName(), UserError.INVALID, "Not a field of a sample: " + ex.getPropertyName());
		}
		catch (JacksonException ex) {
			summary.reject(number, null, UserError.INVALID, "Not a JSON object of a sample");
		}
		return null;
	}

	private static @Nullable Row csvRow(List<String> header, String line, long number, IngestSummary summary) {
		List<String> fields = Csv.fields(line);
		if (fields.size() != header.size()) {
			summary.reject(number, null, UserError.INVALID, "Expected " + header.size() + " fields, found " + fields.size());
			return null;
		}
		Map<String, String> byName = new java.util.HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String field = fields.get(i).strip();
			if (!field.isEmpty()) {
				byName.put(header.get(i), field);
			}
		}
		return new Row(byName.get("channelId"), byName.get("postId"), byName.get("externalId"), byName.get("metric"),
				byName.get("value"), byName.get("weight"), byName.get("observedAt"), byName.get("mode"),
				byName.get("source"));
	}

	/** Checks a row's fields one by one; the store-dependent checks come in the batch. */
	private static @Nullable Sample sample(long number, Row row, IngestSummary summary) {
		MetricName metric = parse(MetricName.class, row.metric());
		if (metric == null) {
			summary.reject(number, "metric", row.metric() == null ? UserError.REQUIRED : UserError.INVALID,
					"One of the metric names of the catalogue, e.g. VIEWS");
			return null;
		}
		Double value = number(row.value());
		if (value == null) {
			summary.reject(number, "value", row.value() == null ? UserError.REQUIRED : UserError.INVALID, "A number");
			return null;
		}
		Double weight = number(row.weight());
		if (row.weight() != null && weight == null) {
			summary.reject(number, "weight", UserError.INVALID, "A number");
			return null;
		}
		Instant observedAt = instant(row.observedAt());
		if (observedAt == null) {
			summary.reject(number, "observedAt", row.observedAt() == null ? UserError.REQUIRED : UserError.INVALID,
					"An ISO-8601 instant with an offset, e.g. 2026-08-29T20:00:00+08:00");
			return null;
		}
		SampleMode mode = row.mode() == null ? SampleMode.CUMULATIVE : parse(SampleMode.class, row.mode());
		SampleSource source = row.source() == null ? SampleSource.EXPORT : parse(SampleSource.class, row.source());
		if (mode == null || source == null) {
			summary.reject(number, mode == null ? "mode" : "source", UserError.INVALID,
					mode == null ? "CUMULATIVE or DELTA" : "API, EXPORT or MANUAL");
			return null;
		}
		String channelId = row.channelId() == null ? null : GlobalId.decode(row.channelId(), MetricService.CHANNEL_TYPE).orElse(null);
		String postId = row.postId() == null ? null : GlobalId.decode(row.postId(), MetricService.POST_TYPE).orElse(null);
		if (row.channelId() != null && channelId == null || row.postId() != null && postId == null) {
			summary.reject(number, channelId == null && row.channelId() != null ? "channelId" : "postId", UserError.NOT_FOUND,
					"Not an id of the graph");
			return null;
		}
		String externalId = row.externalId() == null || row.externalId().isBlank() ? null : row.externalId().strip();
		return new Sample(number, channelId, postId, externalId, metric, value, weight, observedAt, mode, source);
	}

	private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String name) {
		if (name == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, name.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable Double number(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return Double.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Instant instant(@Nullable String text) {
		try {
			return text == null ? null : OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The fields of one CSV line (RFC 4180 quoting, no line breaks inside fields). */
	static final class Csv {

		private Csv() {
		}

		static List<String> fields(String line) {
			List<String> fields = new ArrayList<>();
			StringBuilder field = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < line.length(); i++) {
				char c = line.charAt(i);
				if (quoted) {
					if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else if (c == '"') {
						quoted = false;
					}
					else {
						field.append(c);
					}
				}
				else if (c == '"') {
					quoted = true;
				}
				else if (c == ',') {
					fields.add(field.toString());
					field.setLength(0);
				}
				else {
					field.append(c);
				}
			}
			fields.add(field.toString());
			return fields;
		}

	}

}
