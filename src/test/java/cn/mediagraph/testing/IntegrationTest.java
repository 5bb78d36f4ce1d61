package cn.mediagraph.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test of the whole app over HTTP against a real MongoDB connection ({@link TestMongo}).
 * All such tests share one application context; each makes its own media centers, so they
 * never see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mediagraph.demo.enabled=false", "mediagraph.embedded.storage=memory",
				"mediagraph.index.in-memory=true",
				"mediagraph.security.admin-password=" + GraphQlClients.ADMIN_PASSWORD,
				"mediagraph.security.login-throttle.free-attempts=3",
				"mediagraph.security.login-throttle.first-delay=2s",
				"mediagraph.security.login-throttle.user-attempts=8",
				"mediagraph.security.login-throttle.user-window=1h",
				"mediagraph.security.trusted-proxies=127.0.0.1,::1",
				// tests run many queries as one user, far faster than a person: budgets are tested on their own
				"mediagraph.graphql.budget.capacity=1000000000", "mediagraph.graphql.budget.refill-per-second=1000000000",
				"mediagraph.graphql.max-concurrent-per-user=64",
				// tests drive the publisher themselves (Publisher.publishDue) with the clock frozen
				"mediagraph.publisher.enabled=false", "mediagraph.publisher.allowed-hosts=127.0.0.1" })
@AutoConfigureHttpGraphQlTester
@Import({ MongoUriInitializer.class, GraphQlClients.class, TestChannels.class })
public @interface IntegrationTest {

}
