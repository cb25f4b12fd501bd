package dev.papertrader.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic ids: the name-based UUID, version 3 (RFC 4122: MD5 of the name, then the version nibble set to 3 and
 * the variant bits to 10), of a key's UTF-8 bytes, as text. Equal to
 * {@code UUID.nameUUIDFromBytes(key.getBytes(UTF_8)).toString()}, which looks up an MD5 implementation on every
 * call; this keeps one per thread, because a backtest makes several ids per signal.
 */
public final class NameUuid {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    });

    private NameUuid() {
    }

    /** The version 3 UUID of {@code key}'s UTF-8 bytes, e.g. {@code 8f4a...-...}, lower case with hyphens. */
    public static String of(String key) {
        byte[] hash = MD5.get().digest(key.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30); // version 3
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        return new UUID(bigEndianLong(hash, 0), bigEndianLong(hash, 8)).toString();
    }

    private static long bigEndianLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
