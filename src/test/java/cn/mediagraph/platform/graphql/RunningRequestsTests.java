package cn.mediagraph.platform.graphql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The count of running operations per caller that HTTP requests and WebSocket operations share. */
class RunningRequestsTests {

	@Test
	void aCallerRunsAtMostTheMostAndAFinishedOperationMakesRoom() {
		RunningRequests running = new RunningRequests(2);
		assertThat(running.tryStart("user:a")).isTrue();
		assertThat(running.tryStart("user:a")).isTrue();
		assertThat(running.tryStart("user:a")).as("a third at once").isFalse();
		assertThat(running.tryStart("user:b")).as("another caller counts apart").isTrue();

		running.finish("user:a");
		assertThat(running.tryStart("user:a")).as("after one finished").isTrue();
		assertThat(running.tryStart("user:a")).as("a refused start took no room").isFalse();
	}

}
