package cn.mediagraph.testing;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Which MongoDB the tests talk to, always over a real connection: {@code MONGODB_URI} when
 * set, else a Testcontainers {@code mongo:8.0} when a Docker engine exists, else the embedded
 * server (in memory, so runs do not share state).
 */
public final class TestMongo {

	private static final String IMAGE = "mongo:8.0";

	private static @Nullable String uri;

	private static boolean resolved;

	private TestMongo() {
	}

	/** The URI of an external MongoDB, or null for the embedded store. */
	public static synchronized @Nullable String uri() {
		if (!resolved) {
			uri = resolve();
			resolved = true;
		}
		return uri;
	}

	public static String describe() {
		String current = uri();
		return current == null ? "embedded mongo-java-server (memory)" : "MongoDB at " + current.replaceAll("//[^@]*@", "//");
	}

	private static @Nullable String resolve() {
		String fromEnv = System.getenv("MONGODB_URI");
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv;
		}
		if (dockerAvailable()) {
			MongoDBContainer container = new MongoDBContainer(IMAGE);
			container.start();
			return container.getReplicaSetUrl("mediagraph-test");
		}
		return null;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
