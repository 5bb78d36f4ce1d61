package cn.mediagraph.metrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The raw samples one ingestion batch took, with their provenance: who sent them, when, how,
 * and the line each came from. One document per batch (not per sample) keeps ingestion fast on
 * stores that write slowly per document; queries never read these, the rollups answer them.
 * <p>
 * The samples are one gzip-compressed CSV ({@link #HEADER}, fields quoted as in an export), a
 * single binary value: stored as a few hundred thousand small documents, a batch of 20,000
 * samples cost the embedded store's page cache tens of megabytes of decoded objects while it
 * counted them at a fraction of that, and a benchmark of 500,000 samples ran out of heap.
 *
 * @param via {@code graphql}, {@code bulk} or {@code demo}
 * @param count how many samples
 * @param samples the samples that were new (duplicates are not kept twice), see {@link #decode}; a line
 * break inside a platform id is kept as a space
 */
@Document(MetricBatch.COLLECTION)
record MetricBatch(@Id String id, String tenantId, Instant receivedAt, String receivedBy, String via, int count,
		byte[] samples) implements TenantOwned {

	static final String COLLECTION = "metric_samples";

	/** The columns of {@link #samples}. */
	static final String HEADER = "line,channelId,postId,externalId,metric,value,weight,observedAt,mode,source";

	/** One sample as it was received, resolved to the channel it counts for. */
	record RawSample(long line, String channelId, @Nullable String postId, @Nullable String externalId, String metric,
			double value, @Nullable Double weight, Instant observedAt, SampleMode mode, SampleSource source) {
	}

	static MetricBatch of(String id, String tenantId, Instant receivedAt, String receivedBy, String via,
			List<RawSample> samples) {
		return new MetricBatch(id, tenantId, receivedAt, receivedBy, via, samples.size(), encode(samples));
	}

	static byte[] encode(List<RawSample> samples) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			StringBuilder text = new StringBuilder(HEADER).append('\n');
			for (RawSample sample : samples) {
				text.append(sample.line()).append(',').append(sample.channelId()).append(',')
					.append(quoted(sample.postId())).append(',').append(quoted(sample.externalId())).append(',')
					.append(sample.metric()).append(',').append(sample.value()).append(',')
					.append(sample.weight() == null ? "" : sample.weight()).append(',').append(sample.observedAt())
					.append(',').append(sample.mode()).append(',').append(sample.source()).append('\n');
				if (text.length() > 64 * 1024) {
					gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
					text.setLength(0);
				}
			}
			gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static List<RawSample> decode(byte[] samples) {
		String text;
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(samples))) {
			text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<RawSample> decoded = new ArrayList<>();
		String[] lines = text.split("\n");
		for (int i = 1; i < lines.length; i++) {
			List<String> f = MetricImport.Csv.fields(lines[i]);
			decoded.add(new RawSample(Long.parseLong(f.get(0)), f.get(1), blank(f.get(2)), blank(f.get(3)), f.get(4),
					Double.parseDouble(f.get(5)), f.get(6).isEmpty() ? null : Double.valueOf(f.get(6)),
					Instant.parse(f.get(7)), SampleMode.valueOf(f.get(8)), SampleSource.valueOf(f.get(9))));
		}
		return decoded;
	}

	private static String quoted(@Nullable String field) {
		if (field == null) {
			return "";
		}
		String oneLine = field.replace('\r', ' ').replace('\n', ' ');
		return oneLine.matches("[^\",]*") ? oneLine : "\"" + oneLine.replace("\"", "\"\"") + "\"";
	}

	private static @Nullable String blank(String field) {
		return field.isEmpty() ? null : field;
	}

}
