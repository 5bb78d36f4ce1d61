package cn.mediagraph.platform.mongo;

/**
 * Makes the writes done so far durable. On the embedded store the app's writes are committed
 * together ({@link EmbeddedMongoServer#groupCommits()}), so whatever tells anyone of a write
 * calls this first: the GraphQL interceptor, {@link DurableAnswers} for the REST endpoints, the
 * publisher before it delivers a claimed post, live events before a subscriber hears of them,
 * and the search index between the two phases of its commits. A real MongoDB acknowledges each
 * write once it is journaled, so there it does nothing.
 */
@FunctionalInterface
public interface StoreDurability {

	/** Returns once every write acknowledged before the call is on disk; quick when there is none. */
	void flush();

}
