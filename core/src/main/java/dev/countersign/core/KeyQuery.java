package dev.countersign.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link KeyResolver} is asked for: a key id (exact), a free-form hint (a bundle's {@code publicKey.hint},
 * a user id, a file name), and the time at which the key must have been valid (when the signature was made).
 * Every part is optional; {@link #any()} matches every key the resolver holds.
 */
public final class KeyQuery {
  private static final KeyQuery ANY = new Builder().build();

  private final KeyId keyId;
  private final String hint;
  private final Instant time;

  private KeyQuery(Builder b) {
    this.keyId = b.keyId;
    this.hint = b.hint;
    this.time = b.time;
  }

  /** A query that matches every key. */
  public static KeyQuery any() {
    return ANY;
  }

  /** A query for one key id. */
  public static KeyQuery byKeyId(KeyId keyId) {
    return builder().keyId(keyId).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<KeyId> keyId() {
    return Optional.ofNullable(keyId);
  }

  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyQuery)) {
      return false;
    }
    KeyQuery q = (KeyQuery) o;
    return Objects.equals(keyId, q.keyId) && Objects.equals(hint, q.hint) && Objects.equals(time, q.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, hint, time);
  }

  @Override
  public String toString() {
    return "KeyQuery{keyId=" + keyId + ", hint=" + hint + ", time=" + time + "}";
  }

  /** Builds a {@link KeyQuery}. */
  public static final class Builder {
    private KeyId keyId;
    private String hint;
    private Instant time;

    private Builder() {}

    public Builder keyId(KeyId keyId) {
      this.keyId = keyId;
      return this;
    }

    public Builder hint(String hint) {
      this.hint = hint == null || hint.isBlank() ? null : hint;
      return this;
    }

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public KeyQuery build() {
      return new KeyQuery(this);
    }
  }
}
