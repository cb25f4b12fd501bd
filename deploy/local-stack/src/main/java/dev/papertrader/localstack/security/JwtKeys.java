package dev.papertrader.localstack.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs and verifies papertrader API tokens, as two PEM files: {@code jwt-private.pem} (PKCS#8,
 * readable only by its owner) and {@code jwt-public.pem} (X.509 SubjectPublicKeyInfo, what the services read through
 * {@code mp.jwt.verify.publickey.location}).
 *
 * @param privateKeyFile the signing key
 * @param publicKeyFile  the verification key
 */
public record JwtKeys(Path privateKeyFile, Path publicKeyFile) {

    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    private static final int KEY_BITS = 2048;

    /** The key files in {@code directory} (they may not exist yet). */
    public static JwtKeys in(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return new JwtKeys(absolute.resolve(PRIVATE_KEY_FILE), absolute.resolve(PUBLIC_KEY_FILE));
    }

    /**
     * The key pair in {@code directory}, created there on first use (a new random 2048-bit RSA pair) and kept
     * afterwards, so tokens stay valid across restarts.
     */
    public static JwtKeys ensureIn(Path directory) {
        JwtKeys keys = in(directory);
        if (Files.isRegularFile(keys.privateKeyFile) && Files.isRegularFile(keys.publicKeyFile)) {
            return keys;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(keys.privateKeyFile.getParent());
            Files.writeString(keys.publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keys.privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(keys.privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token keys in " + directory, e);
        }
    }

    public PrivateKey privateKey() {
        return readPrivateKey(read(privateKeyFile));
    }

    public PublicKey publicKey() {
        return readPublicKey(read(publicKeyFile));
    }

    /** A PKCS#8 {@code PRIVATE KEY} PEM text as an RSA key. */
    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(derOf(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM form", e);
        }
    }

    /** An X.509 {@code PUBLIC KEY} PEM text as an RSA key. */
    public static PublicKey readPublicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(derOf(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in X.509 PEM form", e);
        }
    }

    private static byte[] derOf(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (does ./papertrader up run with this data directory?)", e);
        }
    }
}
