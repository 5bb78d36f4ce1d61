package cn.mediagraph.campaign;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher's and the calendar's pure rules, without the app: backoff, the allow-list, conflicts, due minutes. */
class PublisherRulesTests {

	@Test
	void backoffDoublesFromTheFirstWaitWithJitterInTheUpperHalfUpToTheLongest() {
		Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));
		SplittableRandom random = new SplittableRandom(7);
		for (int attempt = 1; attempt <= 12; attempt++) {
			long full = Math.min(600_000, 5_000L << (attempt - 1));
			for (int i = 0; i < 50; i++) {
				long wait = backoff.after(attempt, random).toMillis();
				assertThat(wait).as("attempt " + attempt).isBetween(full / 2, full);
			}
		}
		assertThat(backoff.after(40, random)).isLessThanOrEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void theAllowListOpensListedHostsAndKeepsInsideAddressesShutOtherwise() throws Exception {
		WebhookTargets loopbackListed = new WebhookTargets(List.of("127.0.0.1"));
		assertThat(loopbackListed.refusal(URI.create("http://127.0.0.1:8080/hook"))).isNull();
		assertThat(loopbackListed.refusal(URI.create("http://localhost:8080/hook"))).contains("not in");
		assertThat(loopbackListed.refusal(URI.create("ftp://127.0.0.1/hook"))).contains("http");

		WebhookTargets anyPublic = new WebhookTargets(List.of());
		assertThat(anyPublic.refusal(URI.create("http://127.0.0.1/hook"))).contains("internal address");
		assertThat(anyPublic.refusal(URI.create("http://10.1.2.3/hook"))).contains("internal address");
		assertThat(anyPublic.refusal(URI.create("http://[::1]/hook"))).contains("internal address");
		assertThat(anyPublic.refusal(URI.create("http://169.254.169.254/latest"))).contains("internal address");

		WebhookTargets wildcard = new WebhookTargets(List.of("*.localhost"));
		assertThat(wildcard.refusal(URI.create("http://127.0.0.1/hook"))).as("a wildcard never names an address").contains("not in");

		assertThat(WebhookTargets.inside(InetAddress.getByName("192.168.1.1"))).isTrue();
		assertThat(WebhookTargets.inside(InetAddress.getByName("100.64.0.1"))).isTrue();
		assertThat(WebhookTargets.inside(InetAddress.getByName("fd00::1"))).isTrue();
		assertThat(WebhookTargets.inside(InetAddress.getByName("8.8.8.8"))).isFalse();
	}

	@Test
	void theCalendarFlagsDaysOverTheLimitAndTheSameStoryTooClose() {
		Instant nine = Instant.parse("2026-08-29T01:00:00Z");
		Post a = post("a", "s1", nine);
		Post b = post("b", "s1", nine.plus(Duration.ofMinutes(30)));
		Post c = post("c", "s2", nine.plus(Duration.ofHours(5)));
		List<Calendar.Conflict> conflicts = Calendar.conflicts(List.of(a, b, c), 2, Set.of("s2"), Duration.ofHours(2));
		assertThat(conflicts).extracting(Calendar.Conflict::kind)
			.containsExactly(Calendar.ConflictKind.OVER_DAILY_LIMIT, Calendar.ConflictKind.SAME_STORY_TOO_CLOSE,
					Calendar.ConflictKind.STORY_NOT_APPROVED);
		assertThat(Calendar.conflicts(List.of(a, c), 2, Set.of(), Duration.ofHours(2))).isEmpty();
	}

	@Test
	void dueMinutesAreCountedFromTheEpochInUtc() {
		assertThat(DueBuckets.minuteOf(Instant.parse("1970-01-01T00:01:59.999Z"))).isEqualTo(1);
		assertThat(DueBuckets.minuteOf(Instant.parse("1969-12-31T23:59:30Z"))).isEqualTo(-1);
		assertThat(DueBuckets.Ref.parse("tenant/post").postId()).isEqualTo("post");
	}

	@Test
	void theSameKeyInTheSameCenterIsTheSamePost() {
		assertThat(PostRules.idFor("t1", "k")).isEqualTo(PostRules.idFor("t1", "k")).hasSize(24);
		assertThat(PostRules.idFor("t1", "k")).isNotEqualTo(PostRules.idFor("t2", "k"));
		assertThat(PostRules.KEY.matcher("qixi-2026:web_1.a").matches()).isTrue();
		assertThat(PostRules.KEY.matcher("no spaces").matches()).isFalse();
	}

	private static Post post(String id, String story, Instant at) {
		return new Post(id, "t", "c", story, "ch", at, "2026-08-29", PostStatus.SCHEDULED, id, id, 0, at, null, null, null,
				null, null, List.of(), 1, "u", at, at);
	}

}
