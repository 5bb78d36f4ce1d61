package cn.mediagraph.platform.mongo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded store to the app: a connection must authenticate (SASL PLAIN, with a user
 * and password made at random for this run and known only to this process) before any command
 * but the handshake ({@code hello}/{@code isMaster}) is served. mongo-java-server has no
 * authentication of its own, so this wraps its backend, through which every command of every
 * connection passes with the connection it came on. A connection that sends anything else
 * first is answered {@code Unauthorized} and closed.
 *
 * <p>With {@code required} false (an operator opted in to other clients by fixing the port),
 * unauthenticated connections are served as well; the app's own still authenticates.
 */
final class AuthenticatingBackend implements MongoBackend {

	private static final Logger log = LoggerFactory.getLogger(AuthenticatingBackend.class);

	static final String MECHANISM = "PLAIN";

	private static final AttributeKey<Boolean> AUTHENTICATED = AttributeKey.valueOf("mediagraph.authenticated");

	/** What a driver sends before authenticating: the handshake, and its monitor's heartbeats. */
	private static final Set<String> HANDSHAKE = Set.of("hello", "ismaster");

	private static final int UNAUTHORIZED = 13;

	private static final int AUTHENTICATION_FAILED = 18;

	private final MongoBackend backend;

	private final byte[] user;

	private final byte[] password;

	private final boolean required;

	AuthenticatingBackend(MongoBackend backend, String user, String password, boolean required) {
		this.backend = backend;
		this.user = user.getBytes(StandardCharsets.UTF_8);
		this.password = password.getBytes(StandardCharsets.UTF_8);
		this.required = required;
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		if ("saslStart".equalsIgnoreCase(command)) {
			return authenticate(channel, query);
		}
		if (!allowed(channel, command)) {
			return refuse(channel, command);
		}
		return backend.handleCommand(channel, database, command, query);
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		String command = message.getDocument().keySet().stream().findFirst().orElse("");
		if ("saslStart".equalsIgnoreCase(command)) {
			return authenticate(message.getChannel(), message.getDocument());
		}
		if (!allowed(message.getChannel(), command)) {
			return refuse(message.getChannel(), command);
		}
		return backend.handleMessage(message);
	}

	@Override
	public QueryResult handleQuery(MongoQuery query) {
		requireAuthenticated(query.getChannel(), "query");
		return backend.handleQuery(query);
	}

	@Override
	public Collection<Document> getCurrentOperations(MongoQuery query) {
		requireAuthenticated(query.getChannel(), "currentOp");
		return backend.getCurrentOperations(query);
	}

	/**
	 * Reached only by the legacy {@code serverStatus} query, which passes no connection to check:
	 * refused, as the wire protocol's own {@code serverStatus} command is served to authenticated
	 * connections.
	 */
	@Override
	public Document getServerStatus() {
		if (required) {
			return error(UNAUTHORIZED, "Unauthorized", "Use the serverStatus command");
		}
		return backend.getServerStatus();
	}

	private boolean allowed(Channel channel, String command) {
		return !required || authenticated(channel) || HANDSHAKE.contains(command.toLowerCase(java.util.Locale.ROOT));
	}

	/** Whether the connection signed in with this run's password: one of the app's own. */
	static boolean authenticated(Channel channel) {
		return Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get());
	}

	private void requireAuthenticated(Channel channel, String what) {
		if (!allowed(channel, what)) {
			refuse(channel, what);
			throw new MongoServerError(UNAUTHORIZED, "Unauthorized", "Authenticate first");
		}
	}

	private Document authenticate(Channel channel, Document command) {
		Object payload = command.get("payload");
		boolean valid = MECHANISM.equals(command.get("mechanism")) && payload instanceof BinData data
				&& credentialsMatch(data.getData());
		if (!valid) {
			log.warn("Refused a client of the embedded store from {}: wrong credentials", channel.remoteAddress());
			closeAfterReply(channel);
			return error(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed");
		}
		channel.attr(AUTHENTICATED).set(Boolean.TRUE);
		return new Document("conversationId", 1).append("done", Boolean.TRUE)
			.append("payload", new BinData(new byte[0]))
			.append("ok", 1.0);
	}

	/** SASL PLAIN: {@code [authorization id] NUL user NUL password}. */
	private boolean credentialsMatch(byte[] message) {
		int first = indexOf(message, 0);
		int second = first < 0 ? -1 : indexOf(message, first + 1);
		if (second < 0) {
			return false;
		}
		boolean userMatches = MessageDigest.isEqual(Arrays.copyOfRange(message, first + 1, second), user);
		boolean passwordMatches = MessageDigest.isEqual(Arrays.copyOfRange(message, second + 1, message.length), password);
		return userMatches & passwordMatches;
	}

	private static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		return -1;
	}

	private static Document refuse(Channel channel, String command) {
		log.warn("Refused '{}' from a client of the embedded store that did not authenticate ({}): set "
				+ "MEDIAGRAPH_EMBEDDED_PORT to let other processes connect", command, channel.remoteAddress());
		closeAfterReply(channel);
		return error(UNAUTHORIZED, "Unauthorized", "Command " + command + " requires authentication");
	}

	/** The reply is written after this command returns; the connection is closed after it. */
	private static void closeAfterReply(Channel channel) {
		channel.eventLoop().execute(channel::close);
	}

	private static Document error(int code, String codeName, String message) {
		return new Document("ok", 0.0).append("errmsg", message).append("code", code).append("codeName", codeName);
	}

	@Override
	public void handleClose(Channel channel) {
		backend.handleClose(channel);
	}

	@Override
	public void dropDatabase(String database) {
		backend.dropDatabase(database);
	}

	@Override
	public void close() {
		backend.close();
	}

	@Override
	public void closeCursors(List<Long> cursorIds) {
		backend.closeCursors(cursorIds);
	}

	@Override
	public Clock getClock() {
		return backend.getClock();
	}

	@Override
	public void enableOplog() {
		backend.enableOplog();
	}

	@Override
	public void disableOplog() {
		backend.disableOplog();
	}

	@Override
	public MongoDatabase resolveDatabase(String database) {
		return backend.resolveDatabase(database);
	}

	@Override
	public MongoBackend version(MongoVersion version) {
		backend.version(version);
		return this;
	}

}
