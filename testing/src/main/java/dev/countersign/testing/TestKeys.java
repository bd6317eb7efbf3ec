package dev.countersign.testing;

import dev.countersign.pgp.PgpKeyAlgorithm;
import dev.countersign.testing.internal.KeyFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ephemeral signing keys for tests. The shared keys ({@link #ecdsaP256()}, {@link #rsa3072()}, ...) are generated
 * once per JVM on first use and cached, so a suite of thousands of tests pays for one RSA generation; use the
 * {@code fresh...} methods when a test needs a key no other test has. Thread-safe.
 *
 * <pre>{@code
 * TestKey key = TestKeys.ecdsaP256();
 * BlobSignature sig = BlobSigner.of(key.signer()).sign(file);
 * }</pre>
 */
public final class TestKeys {
  private static final Map<KeyKind, TestKey> SHARED = new ConcurrentHashMap<>();
  private static final Map<PgpKeyAlgorithm, TestPgpKey> SHARED_PGP = new ConcurrentHashMap<>();

  private TestKeys() {}

  /** The shared ECDSA P-256 key (cosign's default). */
  public static TestKey ecdsaP256() {
    return shared(KeyKind.ECDSA_P256);
  }

  /** The shared ECDSA P-384 key. */
  public static TestKey ecdsaP384() {
    return shared(KeyKind.ECDSA_P384);
  }

  /** The shared Ed25519 key. */
  public static TestKey ed25519() {
    return shared(KeyKind.ED25519);
  }

  /** The shared RSA 3072 key. */
  public static TestKey rsa3072() {
    return shared(KeyKind.RSA_3072);
  }

  /** The shared key of {@code kind}, generated on first use. */
  public static TestKey shared(KeyKind kind) {
    Objects.requireNonNull(kind, "kind");
    return SHARED.computeIfAbsent(kind, k -> new TestKey(k, KeyFactory.generate(k)));
  }

  /** A new key of {@code kind}, never cached. */
  public static TestKey fresh(KeyKind kind) {
    Objects.requireNonNull(kind, "kind");
    return new TestKey(kind, KeyFactory.generate(kind));
  }

  /** A new ECDSA P-256 key, never cached. */
  public static TestKey freshEcdsaP256() {
    return fresh(KeyKind.ECDSA_P256);
  }

  /** A new Ed25519 key, never cached. */
  public static TestKey freshEd25519() {
    return fresh(KeyKind.ED25519);
  }

  /** The shared OpenPGP Ed25519 key (user id {@code Countersign Test <test@countersign.dev>}). */
  public static TestPgpKey pgp() {
    return pgp(PgpKeyAlgorithm.ED25519);
  }

  /** The shared OpenPGP key of {@code algorithm}, generated on first use. */
  public static TestPgpKey pgp(PgpKeyAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    return SHARED_PGP.computeIfAbsent(algorithm,
        a -> new TestPgpKey(KeyFactory.generatePgp(a, "Countersign Test <test@countersign.dev>")));
  }

  /** A new OpenPGP key of {@code algorithm} with {@code userId} ({@code Name <email>}), never cached. */
  public static TestPgpKey freshPgp(PgpKeyAlgorithm algorithm, String userId) {
    Objects.requireNonNull(algorithm, "algorithm");
    return new TestPgpKey(KeyFactory.generatePgp(algorithm, userId));
  }
}
