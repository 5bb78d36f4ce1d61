package cn.mediagraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Controller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Controller methods run on the request's own thread even when Boot gives Spring for GraphQL an
 * executor (it does with virtual threads on): a hop to another thread per field was measured to
 * cost a third of the newsroom list's throughput.
 */
class ControllerThreadTests {

	@Controller
	static class Greetings {

		@QueryMapping
		String hello() {
			return "hello from " + Thread.currentThread().getName();
		}

	}

	@Test
	void controllerMethodsRunOnTheCallersThreadDespiteAnExecutor() throws Exception {
		AtomicInteger handedOff = new AtomicInteger();

		ExecutionResult result = hello(handedOff, GraphQlConfiguration.controllersOnTheRequestThread());

		assertThat(handedOff).hasValue(0);
		assertThat(result.<Map<String, String>>getData()).containsEntry("hello",
				"hello from " + Thread.currentThread().getName());
	}

	@Test
	void withoutItTheExecutorWouldRunThem() throws Exception {
		AtomicInteger handedOff = new AtomicInteger();

		hello(handedOff, new BeanPostProcessor() {
		});

		assertThat(handedOff).hasPositiveValue();
	}

	private static ExecutionResult hello(AtomicInteger handedOff, BeanPostProcessor postProcessor) throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Greetings.class)) {
			AnnotatedControllerConfigurer controllers = new AnnotatedControllerConfigurer();
			controllers.setExecutor(task -> {
				handedOff.incrementAndGet();
				task.run();
			});
			// what Spring for GraphQL does by itself on Java 21+, where these tests may not run
			controllers.setBlockingMethodPredicate(method -> true);
			controllers.setApplicationContext(context);
			postProcessor.postProcessBeforeInitialization(controllers, "annotatedControllerConfigurer");
			controllers.afterPropertiesSet();
			GraphQlSource source = GraphQlSource.schemaResourceBuilder()
				.schemaResources(new ByteArrayResource("type Query { hello: String }".getBytes(StandardCharsets.UTF_8)))
				.configureRuntimeWiring(controllers)
				.build();
			return source.graphQl().execute("{ hello }");
		}
	}

}
