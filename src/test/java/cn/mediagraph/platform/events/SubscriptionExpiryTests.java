package cn.mediagraph.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live subscription cannot outlive the token it was opened with. Only this instance's
 * delivery is involved (nothing is stored for other instances before {@code start()}).
 */
class SubscriptionExpiryTests {

	private final TenantEvents events = new TenantEvents(null, null, new EventProperties(5, 16, Duration.ofMinutes(10),
			Duration.ofMillis(200)), Clock.systemUTC(), () -> {
			});

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aSubscriptionEndsWhenItsTokenExpires() throws InterruptedException {
		signIn(Instant.now().plusMillis(700));
		List<TenantEvent> received = new CopyOnWriteArrayList<>();
		CountDownLatch ended = new CountDownLatch(1);
		Disposable subscription = events.subscribe("t1", "story", "u1")
			.doFinally(signal -> ended.countDown())
			.subscribe(received::add);
		events.deliver(new TenantEvent("t1", "story", Map.of("id", "a"), Instant.now()));
		assertThat(received).as("told while the token is valid").hasSize(1);
		assertThat(events.openSubscriptions("u1")).isEqualTo(1);

		assertThat(ended.await(10, TimeUnit.SECONDS)).as("ended at the token's expiry").isTrue();
		events.deliver(new TenantEvent("t1", "story", Map.of("id", "b"), Instant.now()));
		assertThat(received).as("nothing after it").hasSize(1);
		// the slot is freed as the stream finishes, just after its subscriber was told
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (events.openSubscriptions("u1") > 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(events.openSubscriptions("u1")).as("its slot is free again").isZero();
		subscription.dispose();
	}

	@Test
	void aSubscriptionOpenedWithAnExpiredTokenEndsAtOnce() throws InterruptedException {
		signIn(Instant.now().minusSeconds(1));
		CountDownLatch ended = new CountDownLatch(1);
		events.subscribe("t1", "story", "u1").doFinally(signal -> ended.countDown()).subscribe();
		assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
	}

	private static void signIn(Instant expiresAt) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject("u1")
			.issuedAt(expiresAt.minusSeconds(3600))
			.expiresAt(expiresAt)
			.claim("tenant", "t1")
			.build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
	}

}
