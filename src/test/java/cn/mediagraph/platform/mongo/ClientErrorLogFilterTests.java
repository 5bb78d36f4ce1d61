package cn.mediagraph.platform.mongo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.MongoServerError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's command failures reach the log, except a duplicate key, which is an
 * answer the product asks for (a sign-in counter moving to a new window upserts over its old
 * document) and handles.
 */
class ClientErrorLogFilterTests {

	@Test
	void aDuplicateKeyIsNotLoggedAsAnErrorWhileOtherFailuresAre() {
		LoggerContext context = new LoggerContext();
		ClientErrorLogFilter filter = new ClientErrorLogFilter();
		filter.start();
		context.addTurboFilter(filter);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.setContext(context);
		appender.start();
		Logger handler = context.getLogger(ClientErrorLogFilter.HANDLER_LOGGER);
		handler.addAppender(appender);
		Logger other = context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoCollection");
		other.addAppender(appender);

		handler.error("failed to handle {}", "{findAndModify: login_throttle}",
				new DuplicateKeyError("login_throttle", "E11000 duplicate key error"));
		handler.error("failed to handle {}", "{find: stories}", new MongoServerError(2, "bad query"));
		other.error("unrelated", new DuplicateKeyError("stories", "E11000 duplicate key error"));
		handler.warn("slow {}", "{find: stories}");

		assertThat(appender.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getMessage).containsExactly(
				org.assertj.core.groups.Tuple.tuple(Level.ERROR, "failed to handle {}"),
				org.assertj.core.groups.Tuple.tuple(Level.ERROR, "unrelated"),
				org.assertj.core.groups.Tuple.tuple(Level.WARN, "slow {}"));
	}

}
