package cn.mediagraph.platform.security;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Earlier versions kept the signing key in the database, where whoever could read the store
 * could forge tokens. Start-up deletes it; tokens signed with it are no longer accepted, which
 * is the point (their holders sign in again).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetiredSigningKey implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RetiredSigningKey.class);

	static final String COLLECTION = "platform_settings";

	static final String KEY_ID = "jwt-hmac-secret";

	private final MongoTemplate mongo;

	RetiredSigningKey(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void run(ApplicationArguments args) {
		long deleted = mongo.remove(Query.query(Criteria.where("_id").is(KEY_ID)), Document.class, COLLECTION)
			.getDeletedCount();
		if (deleted > 0) {
			log.info("Upgraded the store: deleted the token signing key it kept; tokens signed with it are refused "
					+ "from now on (users sign in again)");
		}
	}

}
