package dev.papertrader.router.alpaca;

import static dev.papertrader.router.alpaca.AlpacaOrderRepository.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Alpaca API keys (table {@code alpaca_keys}). A key id is {@code PK} and 18 upper-case letters or digits; a secret is
 * 40 letters and digits, from {@link SecureRandom}. Only the secret's SHA-256 is stored; a request's secret is
 * hashed and compared in constant time ({@link MessageDigest#isEqual}).
 */
@ApplicationScoped
public class AlpacaKeys {

    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = UPPER_ALNUM + "abcdefghijklmnopqrstuvwxyz";

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();

    /** A key as listed: no secret. */
    public record Key(String keyId, String accountId, Instant createdAt) {
    }

    /** A key just created: its secret is shown this once. */
    public record CreatedKey(String keyId, String secretKey, String accountId, Instant createdAt) {
    }

    public AlpacaKeys(Pool pool) {
        this.pool = pool;
    }

    /** Creates a key for {@code accountId}; {@code createdAt} is the wall clock (an audit field, no trading state). */
    public Uni<CreatedKey> create(String accountId) {
        String keyId = "PK" + randomText(UPPER_ALNUM, 18);
        String secret = randomText(ALNUM, 40);
        Instant createdAt = Instant.now();
        return pool.preparedQuery("""
                        insert into alpaca_keys (key_id, secret_sha256, account_id, created_at) values ($1, $2, $3, $4)""")
                .execute(Tuple.of(keyId, sha256(secret), accountId, utc(createdAt)))
                .replaceWith(new CreatedKey(keyId, secret, accountId, createdAt));
    }

    /** Every key, oldest first. */
    public Uni<List<Key>> list() {
        return pool.query("select key_id, account_id, created_at from alpaca_keys order by created_at, key_id")
                .execute().map(rows -> {
                    List<Key> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(new Key(row.getString("key_id"), row.getString("account_id"),
                            AlpacaOrderRepository.instant(row, "created_at"))));
                    return keys;
                });
    }

    /** Deletes a key; false when there was none. */
    public Uni<Boolean> delete(String keyId) {
        return pool.preparedQuery("delete from alpaca_keys where key_id = $1").execute(Tuple.of(keyId))
                .map(result -> result.rowCount() > 0);
    }

    /** The account of the key when {@code secret} is its secret, else empty. */
    public Uni<Optional<String>> authenticate(String keyId, String secret) {
        if (keyId == null || secret == null || keyId.isBlank() || secret.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        byte[] offered = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        return pool.preparedQuery("select secret_sha256, account_id from alpaca_keys where key_id = $1")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    byte[] stored = row.getString("secret_sha256").getBytes(StandardCharsets.US_ASCII);
                    return MessageDigest.isEqual(stored, offered) ? Optional.of(row.getString("account_id"))
                            : Optional.empty();
                });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
