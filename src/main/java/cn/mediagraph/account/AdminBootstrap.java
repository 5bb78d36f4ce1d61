package cn.mediagraph.account;

import cn.mediagraph.platform.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the platform admin {@code admin} from {@code MEDIAGRAPH_ADMIN_PASSWORD} when the
 * platform has none, before any demo data loads.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserService users;

	private final SecurityProperties properties;

	AdminBootstrap(UserService users, SecurityProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		String password = properties.adminPassword();
		if (password == null || password.isBlank()) {
			return;
		}
		if (password.length() < UserService.MIN_PASSWORD) {
			throw new IllegalStateException(
					"MEDIAGRAPH_ADMIN_PASSWORD must be at least " + UserService.MIN_PASSWORD + " characters");
		}
		if (UserService.tooLong(password)) {
			throw new IllegalStateException("MEDIAGRAPH_ADMIN_PASSWORD must be at most " + UserService.MAX_PASSWORD_BYTES
					+ " bytes in UTF-8 (BCrypt reads no more)");
		}
		if (users.createPlatformAdminIfNone(password)) {
			log.info("Created the platform admin 'admin' (sign in with no tenant)");
		}
	}

}
