package cn.mediagraph.platform.graphql;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionInput;
import graphql.ExecutionResultImpl;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request past its time is answered 503; one that finishes in time is answered as it was. */
class RequestTimeoutTests {

	private final RequestTimeout timeout = new RequestTimeout(Duration.ofMillis(200), HttpStatus.SERVICE_UNAVAILABLE);

	private final WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"),
			new HttpHeaders(), new LinkedMultiValueMap<>(), Map.of(), Map.of("query", "{ __typename }"), "1",
			Locale.ROOT);

	@Test
	void anAnswerThatIsReadyGoesBackAsItIs() {
		WebGraphQlResponse answer = answer();

		assertThat(timeout.intercept(request, next -> Mono.just(answer)).block()).isSameAs(answer);
	}

	@Test
	void anAnswerThatComesLaterButInTimeGoesBack() {
		WebGraphQlResponse answer = answer();

		WebGraphQlResponse got = timeout.intercept(request, next -> Mono.just(answer).delayElement(Duration.ofMillis(20)))
			.block(Duration.ofSeconds(5));

		assertThat(got).isSameAs(answer);
	}

	@Test
	void aRequestPastItsTimeIsAnswered503() {
		assertThatThrownBy(() -> timeout.intercept(request, next -> Mono.never()).block(Duration.ofSeconds(5)))
			.isInstanceOfSatisfying(ResponseStatusException.class,
					ex -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
	}

	@Test
	void workOnTheRequestsOwnThreadIsCancelledAndAnswered503() {
		long started = System.nanoTime();

		assertThatThrownBy(() -> timeout.intercept(request, next -> Mono.fromSupplier(() -> {
			// what graphql-java does with the request: builds its execution input (possibly
			// transformed again on the way), then checks before each field whether it was cancelled
			ExecutionInput input = next.toExecutionInput().transform(builder -> builder.operationName(null));
			long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!input.isCancelled() && System.nanoTime() < giveUp) {
				Thread.onSpinWait();
			}
			return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input,
					ExecutionResultImpl.newExecutionResult().data(Map.of("__typename", "Query")).build()));
		})).block(Duration.ofSeconds(15)))
			.isInstanceOfSatisfying(ResponseStatusException.class,
					ex -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void workThatFinishesInTimeIsNotCancelled() throws Exception {
		AtomicReference<ExecutionInput> executed = new AtomicReference<>();

		WebGraphQlResponse got = timeout.intercept(request, next -> Mono.fromSupplier(() -> {
			ExecutionInput input = next.toExecutionInput();
			executed.set(input);
			return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input,
					ExecutionResultImpl.newExecutionResult().data(Map.of("__typename", "Query")).build()));
		})).block(Duration.ofSeconds(5));
		Thread.sleep(400);
		timeout.cancelOverdue();

		assertThat(got).isNotNull();
		assertThat(executed.get().isCancelled()).isFalse();
	}

	@Test
	void theRestOfTheChainSeesTheSubscribersContext() {
		AtomicReference<String> seen = new AtomicReference<>();

		timeout.intercept(request, next -> Mono.deferContextual(context -> {
			seen.set(context.getOrDefault("caller", "none"));
			return Mono.just(answer());
		})).contextWrite(context -> context.put("caller", "chief")).block();

		assertThat(seen).hasValue("chief");
	}

	@Test
	void anErrorOfTheChainReachesTheCaller() {
		assertThatThrownBy(() -> timeout.intercept(request, next -> Mono.error(new IllegalStateException("broken")))
			.block()).isInstanceOf(IllegalStateException.class).hasMessage("broken");
	}

	@org.junit.jupiter.api.AfterEach
	void stopTheReaper() {
		timeout.destroy();
	}

	private static WebGraphQlResponse answer() {
		ExecutionInput input = ExecutionInput.newExecutionInput("{ __typename }").build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input,
				ExecutionResultImpl.newExecutionResult().data(Map.of("__typename", "Query")).build()));
	}

}
