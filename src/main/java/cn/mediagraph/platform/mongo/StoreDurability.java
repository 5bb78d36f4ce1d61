package cn.mediagraph.platform.mongo;

/**
 * Makes the writes done so far durable. On the embedded store the app's writes are committed
 * together ({@link EmbeddedMongoServer#groupCommits()}), so whatever answers a client calls
 * this first: the GraphQL interceptor, {@link DurableAnswers} for the REST endpoints, the search
 * index before each commit of its own. A real MongoDB acknowledges each write once it is
 * journaled, so there it does nothing.
 */
@FunctionalInterface
public interface StoreDurability {

	/** Returns once every write acknowledged before the call is on disk; quick when there is none. */
	void flush();

}
