package cn.mediagraph.testing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several app instances in this JVM on one database, the way a provincial platform runs them:
 * the first hosts the embedded store (in memory) on a fixed loopback port, the others reach it
 * by {@code MONGODB_URI}. All share one signing secret, so a token of one is good on the others,
 * and the arguments given here (plus those of {@link RunningApp#startInProcess}).
 */
public final class InstancesOnOneStore {

	private final int storePort = RunningApp.freePort();

	private final String sharedSecret;

	private final boolean changeStreams;

	private final List<String> common;

	private InstancesOnOneStore(String sharedSecret, boolean changeStreams, String... common) {
		this.sharedSecret = sharedSecret;
		this.changeStreams = changeStreams;
		this.common = List.of(common);
	}

	/**
	 * Instances that follow each other's writes through change streams (served by the embedded
	 * store's test-only oplog).
	 */
	public static InstancesOnOneStore following(String sharedSecret, String... common) {
		return new InstancesOnOneStore(sharedSecret, true, common);
	}

	/** Instances without change streams (the oplog slows every write of the embedded store). */
	public static InstancesOnOneStore withoutChangeStreams(String sharedSecret, String... common) {
		return new InstancesOnOneStore(sharedSecret, false, common);
	}

	/** Starts the instance that hosts the store, with the platform admin's password. */
	public ConfigurableApplicationContext startHost(String adminPassword) {
		List<String> arguments = new ArrayList<>(common);
		arguments.addAll(List.of("--mediagraph.embedded.storage=memory", "--mediagraph.embedded.port=" + storePort,
				"--mediagraph.embedded.oplog=" + changeStreams, "--mediagraph.security.admin-password=" + adminPassword));
		return RunningApp.startInProcess(sharedSecret, arguments.toArray(String[]::new));
	}

	/** Starts another instance on the host's store (which must be running). */
	public ConfigurableApplicationContext startAnother() {
		List<String> arguments = new ArrayList<>(common);
		arguments.add("--mediagraph.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/mediagraph");
		return RunningApp.startInProcess(sharedSecret, arguments.toArray(String[]::new));
	}

}
