package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-by-line difference of two texts: the lines both keep, and those removed and added,
 * in order (a longest common subsequence of lines). Texts too long to compare line by line
 * within {@value #MAX_CELLS} steps come back as the old text removed and the new one added.
 */
final class TextDiff {

	static final int MAX_CELLS = 4_000_000;

	private TextDiff() {
	}

	/** How a segment of text changed. */
	enum Change {
		/** In both. */
		SAME,
		/** Only in the newer text. */
		ADDED,
		/** Only in the older text. */
		REMOVED
	}

	/** Consecutive lines with the same change, joined by line breaks. */
	record Segment(Change change, String text) {
	}

	static List<Segment> lines(String before, String after) {
		String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
		String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
		List<Segment> segments = new ArrayList<>();
		if ((long) a.length * b.length > MAX_CELLS) {
			segments.add(new Segment(Change.REMOVED, before));
			segments.add(new Segment(Change.ADDED, after));
			return segments;
		}
		int[][] common = new int[a.length + 1][b.length + 1];
		for (int i = a.length - 1; i >= 0; i--) {
			for (int j = b.length - 1; j >= 0; j--) {
				common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < a.length || j < b.length) {
			if (i < a.length && j < b.length && a[i].equals(b[j])) {
				add(segments, Change.SAME, a[i++]);
				j++;
			}
			else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
				add(segments, Change.ADDED, b[j++]);
			}
			else {
				add(segments, Change.REMOVED, a[i++]);
			}
		}
		return segments;
	}

	/** Appends a line, joining it to the last segment when that changed the same way. */
	private static void add(List<Segment> segments, Change change, String line) {
		if (!segments.isEmpty() && segments.get(segments.size() - 1).change() == change) {
			Segment last = segments.remove(segments.size() - 1);
			segments.add(new Segment(change, last.text() + "\n" + line));
		}
		else {
			segments.add(new Segment(change, line));
		}
	}

}
