package cn.mediagraph.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import cn.mediagraph.platform.mongo.MongoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HMAC key that signs and verifies locally issued tokens, kept where only the app reads it,
 * never in the database (whoever could read the store could forge tokens). In order:
 * <ol>
 * <li>{@code MEDIAGRAPH_JWT_SECRET};
 * <li>the file {@code MEDIAGRAPH_JWT_SECRET_FILE} (a mounted secret; its text, trailing line
 * break and spaces removed, is the secret);
 * <li>with the in-memory embedded store, which keeps nothing, a key of this run only;
 * <li>else the file {@value #KEY_FILE} under the data directory, generated on the first start:
 * the directory is created owner-only (700) and the file is written owner-only (600) under a
 * temporary name, then linked into place, so it never exists with other permissions or half
 * written, and two first starts agree on one key.
 * </ol>
 * Several instances on one MongoDB must be given the same key (1 or 2); start-up warns when one
 * runs on {@code MONGODB_URI} without.
 */
@Component
class SigningKey {

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	/** The generated key, relative to the data directory. */
	static final String KEY_FILE = "secrets/jwt.key";

	private static final int MIN_BYTES = 32;

	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private final SecretKey key;

	SigningKey(SecurityProperties security, MongoProperties store) {
		this.key = new SecretKeySpec(secret(security, store), "HmacSHA256");
	}

	SecretKey get() {
		return key;
	}

	private static byte[] secret(SecurityProperties security, MongoProperties store) {
		if (hasText(security.jwtSecret())) {
			return checked(security.jwtSecret().getBytes(StandardCharsets.UTF_8), "MEDIAGRAPH_JWT_SECRET");
		}
		if (hasText(security.jwtSecretFile())) {
			Path file = Path.of(security.jwtSecretFile());
			return checked(readSecret(file, "MEDIAGRAPH_JWT_SECRET_FILE"), "MEDIAGRAPH_JWT_SECRET_FILE (" + file + ")");
		}
		if (store.embeddedMode() && store.embedded().storage() == MongoProperties.Storage.MEMORY) {
			return randomSecret().getBytes(StandardCharsets.UTF_8);
		}
		Path file = store.embedded().dataDir().resolve(KEY_FILE).toAbsolutePath();
		if (!store.embeddedMode()) {
			log.warn("Neither MEDIAGRAPH_JWT_SECRET nor MEDIAGRAPH_JWT_SECRET_FILE is set: tokens are signed with the key "
					+ "in {}, which only this instance has. Instances sharing this MongoDB must share one key: give all of "
					+ "them the same MEDIAGRAPH_JWT_SECRET or MEDIAGRAPH_JWT_SECRET_FILE, or each refuses the others' tokens.",
					file);
		}
		return readOrCreate(file);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static byte[] checked(byte[] secret, String source) {
		if (secret.length < MIN_BYTES) {
			throw new IllegalStateException(source + " must be at least " + MIN_BYTES + " bytes long");
		}
		return secret;
	}

	private static byte[] readSecret(Path file, String source) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(source + ": cannot read the secret from " + file.toAbsolutePath(), ex);
		}
	}

	private static byte[] readOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			warnIfOthersMayRead(file);
			return checked(readSecret(file, "The signing key file"), "The signing key file " + file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the signing key file " + file
					+ " (set MEDIAGRAPH_DATA_DIR to a writable folder, or MEDIAGRAPH_JWT_SECRET)", ex);
		}
	}

	private static void create(Path file) throws IOException {
		Path directory = file.getParent();
		boolean posix = Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView("posix");
		if (posix) {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
		}
		else {
			Files.createDirectories(directory);
			log.warn("This file system has no POSIX permissions: make sure only the app's user can read {}", directory);
		}
		Path temporary = directory.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
		FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_FILE) }
				: new FileAttribute<?>[0];
		try (FileChannel channel = FileChannel.open(temporary,
				EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
			channel.write(ByteBuffer.wrap((randomSecret() + "\n").getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
		try {
			link(file, temporary);
			log.info("Generated the token signing key {} (owner-only); keep it, or every token is refused", file);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Puts the written file in place unless another start did first, whose key is then used. */
	private static void link(Path file, Path temporary) throws IOException {
		try {
			Files.createLink(file, temporary);
		}
		catch (FileAlreadyExistsException ex) {
			// a concurrent first start won: its key is the one
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			try {
				Files.move(temporary, file);
			}
			catch (FileAlreadyExistsException taken) {
				// as above
			}
		}
	}

	private static Path existingAncestor(Path path) {
		Path current = path.toAbsolutePath();
		while (current != null && !Files.exists(current)) {
			current = current.getParent();
		}
		return current == null ? path.toAbsolutePath().getRoot() : current;
	}

	private static void warnIfOthersMayRead(Path file) throws IOException {
		if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
		if (!OWNER_FILE.containsAll(permissions)) {
			log.warn("The token signing key {} can be read by others ({}): anyone who reads it can forge tokens. "
					+ "Run: chmod 600 {}", file, PosixFilePermissions.toString(permissions), file);
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[64];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
