package cn.mediagraph.platform.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import cn.mediagraph.platform.mongo.MongoProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the token signing key comes from: configuration, a file, or a file made once; never the database. */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyTests {

	@TempDir
	Path dataDir;

	@Test
	void generatedOnceUnderTheDataDirectoryReadableByTheOwnerOnly() throws Exception {
		byte[] first = new SigningKey(security(null, null), embedded(MongoProperties.Storage.FILE)).get().getEncoded();
		Path file = dataDir.resolve("secrets/jwt.key");
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
		assertThat(first).hasSizeGreaterThanOrEqualTo(32);
		byte[] second = new SigningKey(security(null, null), embedded(MongoProperties.Storage.FILE)).get().getEncoded();
		assertThat(second).as("the next start signs with the same key").isEqualTo(first);
		try (var siblings = Files.list(file.getParent())) {
			assertThat(siblings).as("no temporary file left behind").containsExactly(file);
		}
	}

	@Test
	void aSecretFileIsReadAsTheSecret() throws Exception {
		Path secret = Files.writeString(dataDir.resolve("mounted-secret"), "a secret of more than thirty-two bytes\n");
		byte[] key = new SigningKey(security(null, secret.toString()), embedded(MongoProperties.Storage.FILE)).get()
			.getEncoded();
		assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("a secret of more than thirty-two bytes");
		assertThat(dataDir.resolve("secrets")).doesNotExist();
	}

	@Test
	void aConfiguredSecretComesFirstAndMustBeLongEnough() {
		byte[] key = new SigningKey(security("configured secret of at least 32 bytes", null),
				embedded(MongoProperties.Storage.FILE)).get().getEncoded();
		assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("configured secret of at least 32 bytes");
		assertThatThrownBy(() -> new SigningKey(security("too short", null), embedded(MongoProperties.Storage.FILE)))
			.hasMessageContaining("MEDIAGRAPH_JWT_SECRET must be at least 32 bytes");
	}

	@Test
	void aMissingSecretFileStopsTheStartWithItsName() {
		assertThatThrownBy(() -> new SigningKey(security(null, dataDir.resolve("nope").toString()),
				embedded(MongoProperties.Storage.FILE)))
			.hasMessageContaining("MEDIAGRAPH_JWT_SECRET_FILE")
			.hasMessageContaining("nope");
	}

	@Test
	void theMemoryStoreKeepsItsKeyInMemoryOnly() {
		assertThat(new SigningKey(security(null, null), embedded(MongoProperties.Storage.MEMORY)).get().getEncoded())
			.hasSizeGreaterThanOrEqualTo(32);
		assertThat(dataDir.resolve("secrets")).doesNotExist();
	}

	@Test
	void instancesSharingAMongoDbAreWarnedToShareAKey(CapturedOutput output) {
		new SigningKey(security(null, null), external());
		assertThat(output).contains("MEDIAGRAPH_JWT_SECRET");
		assertThat(dataDir.resolve("secrets/jwt.key")).exists();
	}

	@Test
	void noWarningWhenAllInstancesAreGivenTheKey(CapturedOutput output) {
		new SigningKey(security("configured secret of at least 32 bytes", null), external());
		assertThat(output).doesNotContain("MEDIAGRAPH_JWT_SECRET");
	}

	static SecurityProperties security(String secret, String secretFile) {
		return new SecurityProperties(secret, secretFile, Duration.ofHours(8), Duration.ofSeconds(5), null, null,
				new SecurityProperties.LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1),
						50, Duration.ofMinutes(15), Duration.ofDays(30)),
				List.of());
	}

	private MongoProperties embedded(MongoProperties.Storage storage) {
		return new MongoProperties(new MongoProperties.Mongodb(null, Duration.ofSeconds(5)),
				new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", storage, false));
	}

	private MongoProperties external() {
		return new MongoProperties(new MongoProperties.Mongodb("mongodb://db1,db2/newsroom", Duration.ofSeconds(5)),
				new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", MongoProperties.Storage.FILE, false));
	}

}
