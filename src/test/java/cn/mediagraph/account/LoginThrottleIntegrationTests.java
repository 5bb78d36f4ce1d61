package cn.mediagraph.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling the way an attacker meets it: over HTTP, from one address or many (the
 * test app trusts the loopback proxy, so {@code X-Forwarded-For} names the client), with the
 * test settings of {@link IntegrationTest}: 3 free attempts per user and address, then a
 * delay from 2 s doubling; 8 attempts per user an hour from addresses that never signed in.
 */
@IntegrationTest
class LoginThrottleIntegrationTests {

	static final int FREE_ATTEMPTS = 3;

	static final int USER_ATTEMPTS = 8;

	@Autowired
	GraphQlClients clients;

	@Test
	void concurrentGuessesAreCountedBeforeAnyIsChecked() throws Exception {
		TestCenter center = clients.newCenter();
		int attempts = 60;
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<LoginResult>> futures = new ArrayList<>();
		// all wrong: with the right one among them, whether it landed within the free attempts
		// (and a success starts the count over) depended on scheduling, and the test was flaky
		for (int i = 0; i < attempts; i++) {
			String password = "wrong password " + i;
			futures.add(pool.submit(() -> {
				start.await();
				return attempt(center.slug(), "editor", password, "203.0.113.7");
			}));
		}
		start.countDown();
		List<String> codes = new ArrayList<>();
		for (Future<LoginResult> future : futures) {
			codes.add(future.get().code());
		}
		pool.shutdown();
		assertThat(codes).as("every answer is a typed one").allMatch(
				code -> List.of("OK", "INVALID_CREDENTIALS", "THROTTLED").contains(code));
		assertThat(codes.stream().filter(code -> !code.equals("THROTTLED")).count())
			.as("passwords checked of %s", codes)
			.isLessThanOrEqualTo(FREE_ATTEMPTS);
		assertThat(attempt(center.slug(), "editor", GraphQlClients.PASSWORD, "203.0.113.7").code())
			.as("the right password, next from the same address, is not checked").isEqualTo("THROTTLED");
	}

	@Test
	void aGuesserIsSlowedDownButCannotLockTheRealUserOut() {
		TestCenter center = clients.newCenter();
		for (int i = 0; i < 10; i++) {
			attempt(center.slug(), "analyst", "not the password", "203.0.113.20");
		}
		LoginResult guesser = attempt(center.slug(), "analyst", GraphQlClients.PASSWORD, "203.0.113.20");
		assertThat(guesser.code()).isEqualTo("THROTTLED");
		assertThat(guesser.token()).isNull();
		assertThat(guesser.retryAfterSeconds()).isPositive();

		LoginResult real = attempt(center.slug(), "analyst", GraphQlClients.PASSWORD, "198.51.100.20");
		assertThat(real.code()).isEqualTo("OK");
		assertThat(real.token()).isNotBlank();
	}

	@Test
	void afterTheDelayTheSameAddressMayTryAgain() throws InterruptedException {
		TestCenter center = clients.newCenter();
		for (int i = 0; i < FREE_ATTEMPTS; i++) {
			assertThat(attempt(center.slug(), "reporter", "mistyped", "198.51.100.30").code())
				.isEqualTo("INVALID_CREDENTIALS");
		}
		LoginResult tooSoon = attempt(center.slug(), "reporter", GraphQlClients.PASSWORD, "198.51.100.30");
		assertThat(tooSoon.code()).isEqualTo("THROTTLED");
		assertThat(tooSoon.retryAfterSeconds()).isBetween(1, 2);
		assertThat(tooSoon.userErrors().get(0).message()).contains(tooSoon.retryAfterSeconds() + " s");

		Thread.sleep(Duration.ofSeconds(tooSoon.retryAfterSeconds()).toMillis() + 100);
		assertThat(attempt(center.slug(), "reporter", GraphQlClients.PASSWORD, "198.51.100.30").token()).isNotBlank();
	}

	@Test
	void distributedGuessingIsSlowedWhileTheUserStillSignsInFromTheirOwnAddress() throws InterruptedException {
		TestCenter center = clients.newCenter();
		String usual = "198.51.100.40";
		assertThat(attempt(center.slug(), "chief-editor", GraphQlClients.PASSWORD, usual).token()).isNotBlank();
		notNearTheEndOfAUserWindow();

		List<String> codes = IntStream.range(0, 20)
			.mapToObj(i -> attempt(center.slug(), "chief-editor", "guess " + i, "203.0.113." + (100 + i)).code())
			.toList();
		assertThat(codes.stream().filter("INVALID_CREDENTIALS"::equals).count()).as("checked of %s", codes)
			.isLessThanOrEqualTo(USER_ATTEMPTS);
		assertThat(codes).contains("THROTTLED");

		LoginResult newAddress = attempt(center.slug(), "chief-editor", GraphQlClients.PASSWORD, "198.51.100.41");
		assertThat(newAddress.code()).isEqualTo("THROTTLED");
		assertThat(newAddress.retryAfterSeconds()).isBetween(1, 3600);
		assertThat(attempt(center.slug(), "chief-editor", GraphQlClients.PASSWORD, usual).token())
			.as("from the address it signed in from before").isNotBlank();

		center.as(Role.ADMIN)
			.documentName("clearLoginThrottle")
			.variable("input", Map.of("userId", userId(center, Role.CHIEF_EDITOR)))
			.execute()
			.path("clearLoginThrottle.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("clearLoginThrottle.user.username")
			.entity(String.class)
			.isEqualTo("chief-editor");
		assertThat(attempt(center.slug(), "chief-editor", GraphQlClients.PASSWORD, "198.51.100.41").token())
			.as("after the admin cleared the throttle").isNotBlank();
	}

	@Test
	void anAddressSharingATrustedAddressSlotIsNotTrusted() throws InterruptedException {
		TestCenter center = clients.newCenter();
		String usual = "198.51.100.50";
		assertThat(attempt(center.slug(), "chief-editor", GraphQlClients.PASSWORD, usual).token()).isNotBlank();
		// counters live in a bounded key space: find a stranger's address whose counter is the usual one's
		String slot = LoginThrottle.addressKey(center.slug(), "chief-editor", usual);
		String stranger = IntStream.range(0, 1 << 24)
			.mapToObj(i -> "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff))
			.filter(address -> LoginThrottle.addressKey(center.slug(), "chief-editor", address).equals(slot))
			.findFirst()
			.orElseThrow();
		notNearTheEndOfAUserWindow();
		for (int i = 0; i < 20; i++) {
			attempt(center.slug(), "chief-editor", "guess " + i, "203.0.113." + (150 + i));
		}

		LoginResult guess = attempt(center.slug(), "chief-editor", "one more guess", stranger);
		assertThat(guess.code()).as("the user's own limit holds for an address that only shares a slot")
			.isEqualTo("THROTTLED");
		assertThat(attempt(center.slug(), "chief-editor", GraphQlClients.PASSWORD, usual).token())
			.as("the address it signed in from is still trusted").isNotBlank();
	}

	@Test
	void anAdminClearsTheDelayOfOneAddressToo() {
		TestCenter center = clients.newCenter();
		for (int i = 0; i < 6; i++) {
			attempt(center.slug(), "senior-editor", "mistyped", "198.51.100.50");
		}
		assertThat(attempt(center.slug(), "senior-editor", GraphQlClients.PASSWORD, "198.51.100.50").code())
			.isEqualTo("THROTTLED");
		center.as(Role.ADMIN)
			.documentName("clearLoginThrottle")
			.variable("input", Map.of("userId", userId(center, Role.SENIOR_EDITOR)))
			.execute()
			.path("clearLoginThrottle.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(attempt(center.slug(), "senior-editor", GraphQlClients.PASSWORD, "198.51.100.50").token())
			.isNotBlank();
	}

	@Test
	void knownAndUnknownCentersAndUsersAnswerAlike() {
		TestCenter center = clients.newCenter();
		String unknownCenter = "nx" + UUID.randomUUID().toString().substring(0, 8);
		List<List<String>> targets = List.of(List.of(center.slug(), "reporter"), List.of(center.slug(), "nobody-here"),
				List.of(unknownCenter, "reporter"));
		List<String> expected = List.of("INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "THROTTLED",
				"THROTTLED");
		List<LoginResult> firsts = new ArrayList<>();
		for (int t = 0; t < targets.size(); t++) {
			List<LoginResult> results = new ArrayList<>();
			for (int i = 0; i < expected.size(); i++) {
				results.add(attempt(targets.get(t).get(0), targets.get(t).get(1), "a wrong password", "203.0.113." + (60 + t)));
			}
			assertThat(results.stream().map(LoginResult::code).toList()).as("%s", targets.get(t)).isEqualTo(expected);
			assertThat(results.get(3).retryAfterSeconds()).as("%s", targets.get(t)).isBetween(1, 2);
			firsts.add(results.get(0));
		}
		assertThat(firsts).allSatisfy(first -> assertThat(first.userErrors()).isEqualTo(firsts.get(0).userErrors()));
	}

	@Test
	void unknownUsersAndCentersTakeAboutAsLongAsAWrongPassword() {
		TestCenter center = clients.newCenter();
		long known = medianMillis(i -> attempt(center.slug(), "editor", "a wrong password", "203.0.113." + (140 + i)));
		long unknownUser = medianMillis(i -> attempt(center.slug(), "nobody-" + i, "a wrong password", "203.0.113." + (150 + i)));
		long unknownCenter = medianMillis(i -> attempt("nx-" + UUID.randomUUID().toString().substring(0, 6), "editor",
				"a wrong password", "203.0.113." + (160 + i)));
		assertThat(unknownUser).as("unknown user %d ms, known %d ms", unknownUser, known).isBetween(known / 3, known * 3 + 20);
		assertThat(unknownCenter).as("unknown center %d ms, known %d ms", unknownCenter, known)
			.isBetween(known / 3, known * 3 + 20);
	}

	@Test
	void onlyAnAdminOfTheUsersCenterClearsItsThrottle() {
		TestCenter center = clients.newCenter();
		String reporter = userId(center, Role.REPORTER);
		center.as(Role.CHIEF_EDITOR)
			.documentName("clearLoginThrottle")
			.variable("input", Map.of("userId", reporter))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN));
		clients.newCenter()
			.as(Role.ADMIN)
			.documentName("clearLoginThrottle")
			.variable("input", Map.of("userId", reporter))
			.execute()
			.path("clearLoginThrottle.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND")
			.path("clearLoginThrottle.userErrors[0].field")
			.entityList(String.class)
			.containsExactly("input", "userId");
	}

	/**
	 * The per-user limit is a rate in fixed windows (of 1 h here): at a window's end it starts
	 * over, by design. A test counting attempts against it must not straddle that moment.
	 */
	private static void notNearTheEndOfAUserWindow() throws InterruptedException {
		long window = Duration.ofHours(1).toMillis();
		long left = window - Math.floorMod(System.currentTimeMillis(), window);
		if (left < Duration.ofSeconds(30).toMillis()) {
			Thread.sleep(left + 100);
		}
	}

	private long medianMillis(java.util.function.IntConsumer attempt) {
		long[] millis = new long[3];
		for (int i = 0; i < millis.length; i++) {
			long started = System.nanoTime();
			attempt.accept(i);
			millis[i] = (System.nanoTime() - started) / 1_000_000;
		}
		java.util.Arrays.sort(millis);
		return millis[1];
	}

	private String userId(TestCenter center, Role role) {
		return center.as(role).documentName("viewer").execute().path("viewer.id").entity(String.class).get();
	}

	LoginResult attempt(String slug, String username, String password, String address) {
		return clients.anonymous()
			.mutate()
			.header("X-Forwarded-For", address)
			.build()
			.documentName("login")
			.variable("input", Map.of("tenant", slug, "username", username, "password", password))
			.execute()
			.errors()
			.verify()
			.path("login")
			.entity(LoginResult.class)
			.get();
	}

	record LoginResult(@Nullable String token, @Nullable Integer retryAfterSeconds, List<Problem> userErrors) {

		String code() {
			return userErrors.isEmpty() ? "OK" : userErrors.get(0).code();
		}

	}

	record Problem(List<String> field, String code, String message) {
	}

}
