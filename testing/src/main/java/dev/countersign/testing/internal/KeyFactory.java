package dev.countersign.testing.internal;

import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyAlgorithm;
import dev.countersign.pgp.PgpKeyGenerator;
import dev.countersign.testing.KeyKind;
import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicInteger;

/** Generates test keys and counts generations (so tests can prove the per-JVM cache works). */
public final class KeyFactory {
  private static final AtomicInteger GENERATED = new AtomicInteger();
  private static final AtomicInteger PGP_GENERATED = new AtomicInteger();

  private KeyFactory() {}

  /** A new key pair of {@code kind}. */
  public static KeyPair generate(KeyKind kind) {
    GENERATED.incrementAndGet();
    return kind.rsaBits() == 0 ? KeyGeneration.generate(kind.algorithm())
        : KeyGeneration.generate(kind.algorithm(), kind.rsaBits());
  }

  /** A new unprotected OpenPGP key. */
  public static PgpKey generatePgp(PgpKeyAlgorithm algorithm, String userId) {
    PGP_GENERATED.incrementAndGet();
    return PgpKeyGenerator.builder().algorithm(algorithm).userId(userId).build().generate();
  }

  /** Key pairs generated in this JVM so far. */
  public static int generated() {
    return GENERATED.get();
  }

  /** OpenPGP keys generated in this JVM so far. */
  public static int pgpGenerated() {
    return PGP_GENERATED.get();
  }
}
