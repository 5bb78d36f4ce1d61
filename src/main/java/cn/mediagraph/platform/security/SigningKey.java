package cn.mediagraph.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The HMAC key that signs and verifies locally issued tokens. Taken from
 * {@code MEDIAGRAPH_JWT_SECRET} when set; otherwise generated once and kept in the database,
 * so that every instance sharing the database accepts every other instance's tokens and a
 * restart does not sign everybody out.
 */
@Component
class SigningKey {

	static final String COLLECTION = "platform_settings";

	private static final String KEY_ID = "jwt-hmac-secret";

	private static final int MIN_BYTES = 32;

	private final SingletonSupplier<SecretKey> key;

	SigningKey(SecurityProperties properties, MongoTemplate mongo) {
		this.key = SingletonSupplier.of(() -> resolve(properties, mongo));
	}

	SecretKey get() {
		return key.obtain();
	}

	private static SecretKey resolve(SecurityProperties properties, MongoTemplate mongo) {
		String configured = properties.jwtSecret();
		if (configured != null && !configured.isBlank()) {
			byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < MIN_BYTES) {
				throw new IllegalStateException("MEDIAGRAPH_JWT_SECRET must be at least " + MIN_BYTES + " bytes long");
			}
			return hmac(bytes);
		}
		return hmac(Base64.getDecoder().decode(storedSecret(mongo)));
	}

	/** Insert-if-absent, so concurrent first starts agree on one secret. */
	private static String storedSecret(MongoTemplate mongo) {
		byte[] fresh = new byte[64];
		new SecureRandom().nextBytes(fresh);
		Document stored = mongo.findAndModify(Query.query(Criteria.where("_id").is(KEY_ID)),
				new Update().setOnInsert("value", Base64.getEncoder().encodeToString(fresh)),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
		return stored.getString("value");
	}

	private static SecretKey hmac(byte[] bytes) {
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

}
