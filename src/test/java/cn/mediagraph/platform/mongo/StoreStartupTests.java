package cn.mediagraph.platform.mongo;

import java.time.Duration;

import cn.mediagraph.MediaGraphApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An unreachable MongoDB stops start-up within seconds, saying which and why. */
class StoreStartupTests {

	@Test
	void unreachableMongoDbFailsFastAndClearly() {
		long started = System.nanoTime();
		assertThatThrownBy(() -> SpringApplication.run(MediaGraphApplication.class,
				"--mediagraph.mongodb.uri=mongodb://127.0.0.1:9/newsroom",
				"--mediagraph.mongodb.server-selection-timeout=1s", "--server.port=0", "--mediagraph.demo.enabled=false",
				"--mediagraph.security.jwt-secret=a test secret of at least thirty-two bytes")
			.close())
			.hasStackTraceContaining("Cannot reach MongoDB at MONGODB_URI (127.0.0.1:9/newsroom) within 1 s");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
	}

}
