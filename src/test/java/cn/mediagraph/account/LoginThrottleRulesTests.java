package cn.mediagraph.account;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import cn.mediagraph.platform.security.SecurityProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's pure rules: its bounded keys and its progressive delay. */
class LoginThrottleRulesTests {

	private static final SecurityProperties.LoginThrottle SETTINGS = new SecurityProperties.LoginThrottle(5,
			Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1), 50, Duration.ofMinutes(15),
			Duration.ofDays(30));

	@Test
	void anyNumberOfUnknownNamesFallsIntoABoundedSetOfDocuments() {
		Set<String> addressIds = new HashSet<>();
		Set<String> userIds = new HashSet<>();
		for (int i = 0; i < 300_000; i++) {
			addressIds.add(LoginThrottle.addressKey("no-such-center", "guess-" + i, "203.0.113." + (i % 256)));
			userIds.add(LoginThrottle.userKey("no-such-center", "guess-" + i));
		}
		assertThat(addressIds).hasSizeLessThanOrEqualTo(LoginThrottle.ADDRESS_SLOTS);
		assertThat(userIds).hasSizeLessThanOrEqualTo(LoginThrottle.USER_SLOTS);
		assertThat(addressIds).allMatch(id -> id.matches("a[0-9a-f]{1,5}"));
		assertThat(userIds).allMatch(id -> id.matches("u[0-9a-f]{1,4}"));
	}

	@Test
	void keysTellUsersCentersAndAddressesApart() {
		assertThat(LoginThrottle.userKey("gonghe", "editor")).isEqualTo(LoginThrottle.userKey("gonghe", "editor"))
			.isNotEqualTo(LoginThrottle.userKey("gonghe", "reporter"))
			.isNotEqualTo(LoginThrottle.userKey("other", "editor"));
		assertThat(LoginThrottle.addressKey("gonghe", "editor", "192.0.2.1"))
			.isNotEqualTo(LoginThrottle.addressKey("gonghe", "editor", "192.0.2.2"));
		assertThat(LoginThrottle.userKey("a", "b:c")).as("parts are separated, not just concatenated")
			.isNotEqualTo(LoginThrottle.userKey("a:b", "c"));
	}

	@Test
	void theDelayStartsAfterTheFreeAttemptsAndDoublesUpToTheCap() {
		assertThat(LoginThrottle.delayAfter(0, SETTINGS)).isZero();
		assertThat(LoginThrottle.delayAfter(4, SETTINGS)).isZero();
		assertThat(LoginThrottle.delayAfter(5, SETTINGS)).isEqualTo(Duration.ofSeconds(1));
		assertThat(LoginThrottle.delayAfter(6, SETTINGS)).isEqualTo(Duration.ofSeconds(2));
		assertThat(LoginThrottle.delayAfter(9, SETTINGS)).isEqualTo(Duration.ofSeconds(16));
		assertThat(LoginThrottle.delayAfter(20, SETTINGS)).isEqualTo(Duration.ofMinutes(15));
		assertThat(LoginThrottle.delayAfter(Integer.MAX_VALUE, SETTINGS)).isEqualTo(Duration.ofMinutes(15));
	}

}
