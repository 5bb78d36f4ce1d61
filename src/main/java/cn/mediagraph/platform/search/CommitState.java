package cn.mediagraph.platform.search;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What each index commit records besides the documents, so that a start can tell whether the
 * index on disk may be used as it is:
 * <ul>
 * <li>{@code store}: the MongoDB store it was built from (a fresh database means a fresh index);</li>
 * <li>{@code layout}: the field layout of every kind (a changed layout means a rebuild);</li>
 * <li>{@code state}: {@code closed} only when the app shut down cleanly; {@code open} means it
 * may have died with changes not yet committed, to be recovered from MongoDB; {@code rebuilding}
 * means a rebuild from MongoDB began and may not have finished, so the next start builds the
 * index afresh rather than trust or patch it;</li>
 * <li>{@code resume.<collection>}: the change-stream position up to which other instances'
 * writes are in the index.</li>
 * </ul>
 *
 * @param store the store's id
 * @param layout the layout fingerprint
 */
record CommitState(String store, String layout) {

	static final String STORE = "store";

	static final String LAYOUT = "layout";

	static final String STATE = "state";

	static final String RESUME = "resume.";

	static final String OPEN = "open";

	static final String CLOSED = "closed";

	static final String REBUILDING = "rebuilding";

	/** Why an index with this commit data cannot be used as it is, or null when it can. */
	@Nullable String mismatch(Map<String, String> commit) {
		if (REBUILDING.equals(commit.get(STATE))) {
			return "a rebuild of it from MongoDB did not finish";
		}
		if (!store.equals(commit.get(STORE))) {
			return "it was built from another database";
		}
		if (!layout.equals(commit.get(LAYOUT))) {
			return "its layout is older than this version's";
		}
		return null;
	}

	/** Whether the index was last committed by an app that then shut down cleanly. */
	static boolean closedCleanly(Map<String, String> commit) {
		return CLOSED.equals(commit.get(STATE));
	}

	static Optional<String> resumeToken(Map<String, String> commit, String collection) {
		return Optional.ofNullable(commit.get(RESUME + collection));
	}

	/**
	 * The data of a commit in this state ({@link #OPEN}, {@link #CLOSED} or {@link #REBUILDING}),
	 * with these change-stream positions.
	 */
	Map<String, String> data(String state, Map<String, String> resumeTokens) {
		Map<String, String> data = new HashMap<>();
		data.put(STORE, store);
		data.put(LAYOUT, layout);
		data.put(STATE, state);
		resumeTokens.forEach((collection, token) -> data.put(RESUME + collection, token));
		return data;
	}

}
