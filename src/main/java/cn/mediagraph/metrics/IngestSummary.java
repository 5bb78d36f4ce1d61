package cn.mediagraph.metrics;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an ingestion did, counted as it goes; the first {@value #MAX_REPORTED} rejected rows are
 * listed with their line and reason, all are counted.
 */
final class IngestSummary {

	static final int MAX_REPORTED = 1_000;

	/** A row not taken, and why. */
	record Rejected(long line, @Nullable String field, String code, String reason) {
	}

	private long accepted;

	private long duplicates;

	private long rejected;

	private final List<Rejected> errors = new ArrayList<>();

	void accept() {
		accepted++;
	}

	void duplicate() {
		duplicates++;
	}

	void reject(long line, @Nullable String field, String code, String reason) {
		rejected++;
		if (errors.size() < MAX_REPORTED) {
			errors.add(new Rejected(line, field, code, reason));
		}
	}

	long accepted() {
		return accepted;
	}

	long duplicates() {
		return duplicates;
	}

	long rejected() {
		return rejected;
	}

	/** The rejected rows listed, by line. */
	List<Rejected> errors() {
		return errors.stream().sorted(java.util.Comparator.comparingLong(Rejected::line)).toList();
	}

}
