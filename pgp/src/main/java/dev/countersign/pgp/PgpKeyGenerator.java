package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.KeyGeneration;
import dev.countersign.pgp.internal.KeyringCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

/**
 * Generates a v4 OpenPGP signing key (RSA 3072/4096 or Ed25519) with one user id {@code Name <email>},
 * optionally expiring ({@link Builder#expiresAfter}) and protected by a passphrase (AES-256, iterated+salted SHA-256 S2K), that GnuPG 2.2 imports.
 * A generator is used once: {@link #generate()} zeroes its copy of the passphrase.
 */
public final class PgpKeyGenerator {
  private static final Pattern USER_ID = Pattern.compile("[^<>\\n\\r]+ <[^<>\\s]+@[^<>\\s]+>");

  private final PgpKeyAlgorithm algorithm;
  private final String userId;
  private final char[] passphrase;
  private final Instant creationTime;
  private final Duration validity;

  private PgpKeyGenerator(Builder b) {
    this.algorithm = Objects.requireNonNull(b.algorithm, "algorithm");
    this.userId = Objects.requireNonNull(b.userId, "userId");
    this.passphrase = b.passphrase;
    this.creationTime = b.creationTime != null ? b.creationTime : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.validity = b.validity;
  }

  /** A builder; algorithm and user id are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Makes the key: a {@link PgpKey} with its secret part. */
  public PgpKey generate() {
    int bits = algorithm == PgpKeyAlgorithm.RSA_3072 ? 3072 : algorithm == PgpKeyAlgorithm.RSA_4096 ? 4096 : 0;
    try {
      PGPSecretKeyRing sec = KeyGeneration.generate(bits, userId, passphrase, Date.from(creationTime),
          validity == null ? 0 : validity.getSeconds());
      return PgpKeyring.read(KeyringCodec.encoded(sec)).keys().get(0);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /** Validating builder for {@link PgpKeyGenerator}. */
  public static final class Builder {
    private PgpKeyAlgorithm algorithm;
    private String userId;
    private char[] passphrase;
    private Instant creationTime;
    private Duration validity;

    private Builder() {}

    public Builder algorithm(PgpKeyAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** User id of the form {@code Name <email>}. */
    public Builder userId(String userId) {
      if (userId == null || !USER_ID.matcher(userId).matches()) {
        throw new InvalidInputException("user id must look like 'Name <email>'");
      }
      this.userId = userId;
      return this;
    }

    /** Passphrase to protect the secret key; copied (zero your array yourself). Empty means none. */
    public Builder passphrase(char[] passphrase) {
      this.passphrase = passphrase == null ? null : passphrase.clone();
      return this;
    }

    /** Key creation time (default now), whole seconds. */
    public Builder creationTime(Instant creationTime) {
      this.creationTime = Objects.requireNonNull(creationTime, "creationTime").truncatedTo(ChronoUnit.SECONDS);
      return this;
    }

    /**
     * Makes the key expire {@code validity} after its creation time (whole seconds, at least one, below 2^32
     * seconds); by default it never expires.
     */
    public Builder expiresAfter(Duration validity) {
      long secs = Objects.requireNonNull(validity, "validity").getSeconds();
      if (secs < 1 || secs > 0xFFFFFFFFL) {
        throw new InvalidInputException("key validity must be between 1 second and 2^32-1 seconds, got " + validity);
      }
      this.validity = Duration.ofSeconds(secs);
      return this;
    }

    public PgpKeyGenerator build() {
      return new PgpKeyGenerator(this);
    }
  }
}
