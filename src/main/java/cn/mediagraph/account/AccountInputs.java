package cn.mediagraph.account;

import java.util.List;

import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.security.Role;
import org.jspecify.annotations.Nullable;

/** The inputs and payloads of the account mutations. */
final class AccountInputs {

	private AccountInputs() {
	}

	record LoginInput(@Nullable String tenant, @Nullable String username, @Nullable String password) {
	}

	record LoginPayload(@Nullable String token, java.time.@Nullable Instant expiresAt, @Nullable User user,
			@Nullable Integer retryAfterSeconds, List<UserError> userErrors) {

		static LoginPayload failed(UserError error) {
			return new LoginPayload(null, null, null, null, List.of(error));
		}

		static LoginPayload throttled(java.time.Duration wait) {
			int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toSeconds()));
			return new LoginPayload(null, null, null, seconds, List.of(UserError.of("THROTTLED",
					"Too many sign-in attempts; try again in " + seconds + " s")));
		}

	}

	record ClearLoginThrottleInput(@Nullable String userId) {
	}

	record ClearLoginThrottlePayload(@Nullable User user, List<UserError> userErrors) {

		static ClearLoginThrottlePayload failed(UserError error) {
			return new ClearLoginThrottlePayload(null, List.of(error));
		}

	}

	record CreateUserInput(@Nullable String tenantId, @Nullable String username, @Nullable String displayName,
			@Nullable String password, @Nullable List<Role> roles) {
	}

	record CreateUserPayload(@Nullable User user, List<UserError> userErrors) {

		static CreateUserPayload failed(List<UserError> errors) {
			return new CreateUserPayload(null, errors);
		}

	}

	record GrantRolesInput(@Nullable String userId, @Nullable List<Role> roles) {
	}

	record GrantRolesPayload(@Nullable User user, List<UserError> userErrors) {

		static GrantRolesPayload failed(UserError error) {
			return new GrantRolesPayload(null, List.of(error));
		}

	}

}
