package cn.mediagraph.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the app at {@link TestMongo}'s choice. Picked up by every {@link IntegrationTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class MongoUriInitializer {

	@Bean
	static DynamicPropertyRegistrar testMongoUri() {
		return registry -> {
			String uri = TestMongo.uri();
			if (uri != null) {
				registry.add("mediagraph.mongodb.uri", () -> uri);
			}
		};
	}

}
