package cn.mediagraph.platform.mongo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps the embedded store from logging a duplicate key as a server error. mongo-java-server
 * logs every command that fails, with its stack, at ERROR; a duplicate key is the answer the
 * product asks for when it inserts under a unique key (a channel name, an idempotency key, a
 * sign-in counter's new window) and handles, as MongoDB answers it without logging anything.
 * Every other failure of a command is still logged.
 */
final class ClientErrorLogFilter extends TurboFilter {

	/** The logger mongo-java-server reports failed commands on. */
	static final String HANDLER_LOGGER = "de.bwaldvogel.mongo.wire.MongoWireProtocolHandler";

	/** Installs the filter once, when the logging is logback's (Spring Boot's default). */
	static void install() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch(ClientErrorLogFilter.class::isInstance)) {
			ClientErrorLogFilter filter = new ClientErrorLogFilter();
			filter.start();
			context.addTurboFilter(filter);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.ERROR || logger == null || !HANDLER_LOGGER.equals(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		if (t instanceof DuplicateKeyError) {
			return FilterReply.DENY;
		}
		if (params != null && params.length > 0 && params[params.length - 1] instanceof DuplicateKeyError) {
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

}
