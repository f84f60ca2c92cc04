package io.auditcover.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The operator's Ed25519 key that signs the log's checkpoints, kept in the data directory as
 * {@value #FILE_NAME} (owner read and write only). The JDK's own Ed25519 does the work, so signing
 * needs no new dependency. Whoever holds the file can sign, so a signature proves something only
 * against a public key kept elsewhere: {@code auditcover log key} prints it, {@code verify} shows it.
 */
public final class OperatorKey {
    static final String FILE_NAME = "log-signing.key";
    private static final String ALGORITHM = "Ed25519";
    /** Ed25519 public keys are 32 bytes; the X.509 encoding puts them last. */
    private static final int PUBLIC_KEY_BYTES = 32;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private OperatorKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The data directory's key, created on first use. */
    public static OperatorKey loadOrCreate(Path directory) {
        return load(directory).orElseGet(() -> create(directory));
    }

    /** The data directory's key, if one was ever created. */
    static Optional<OperatorKey> load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            var properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
            var keys = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(decode(properties, "private_key")));
            PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(decode(properties, "public_key")));
            return Optional.of(new OperatorKey(privateKey, publicKey));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the operator key " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a fresh key to a private temporary file, forces it, then links it into place: the link fails if another
     * process created the key meanwhile (its key then wins), and a crash never leaves a half-written key file.
     */
    private static OperatorKey create(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            String text = "# Auditcover operator key (Ed25519): signs the log's checkpoints. Keep it secret.\n"
                    + "private_key=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + "public_key=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, ownerOnly());
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
                Directories.force(directory);
            } catch (FileAlreadyExistsException e) {
                return load(directory).orElseThrow();
            }
            return new OperatorKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the operator key " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a stray temporary file is harmless; the key is in place or was never linked
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    private static byte[] decode(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return Base64.getDecoder().decode(value.strip());
    }

    byte[] sign(byte[] message) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 signs with its own key", e);
        }
    }

    boolean verifies(byte[] message, byte[] signatureBytes) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 verifies with its own key", e);
        }
    }

    /** The raw 32-byte Ed25519 public key in hex, the form operators copy and compare. */
    public String publicKeyHex() {
        byte[] encoded = publicKey.getEncoded();
        return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - PUBLIC_KEY_BYTES, encoded.length));
    }
}
