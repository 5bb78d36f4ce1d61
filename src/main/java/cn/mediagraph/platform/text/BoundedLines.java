package cn.mediagraph.platform.text;

import java.io.IOException;
import java.io.Reader;

import org.jspecify.annotations.Nullable;

/** Lines of at most a given length: a longer one is skipped to its end and flagged. */
public final class BoundedLines {

	private final Reader reader;

	private final int max;

	private final StringBuilder line = new StringBuilder();

	private long number;

	private boolean truncated;

	private boolean ended;

	public BoundedLines(Reader reader, int max) {
		this.reader = reader;
		this.max = max;
	}

	/** The next line without its end, or null at the end of the input. */
	public @Nullable String next() throws IOException {
		if (ended) {
			return null;
		}
		line.setLength(0);
		truncated = false;
		int c;
		while ((c = reader.read()) != -1 && c != '\n') {
			if (line.length() < max) {
				line.append((char) c);
			}
			else {
				truncated = true;
			}
		}
		if (c == -1) {
			ended = true;
			if (line.isEmpty() && !truncated) {
				return null;
			}
		}
		number++;
		int end = line.length();
		if (end > 0 && line.charAt(end - 1) == '\r') {
			line.setLength(end - 1);
		}
		return line.toString();
	}

	public long lineNumber() {
		return number;
	}

	public boolean truncated() {
		return truncated;
	}

}
