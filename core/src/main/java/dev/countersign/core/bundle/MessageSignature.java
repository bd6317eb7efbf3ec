package dev.countersign.core.bundle;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bundle's {@code messageSignature}: a signature over an artifact and the artifact's digest
 * ({@code messageDigest}). The signature covers the artifact itself, hashed with the signing key's hash; the
 * digest lets a verifier report which artifact was meant.
 */
public final class MessageSignature {
  private final Digest messageDigest;
  private final byte[] signature;

  private MessageSignature(Digest messageDigest, byte[] signature) {
    this.messageDigest = Objects.requireNonNull(messageDigest, "messageDigest");
    if (Objects.requireNonNull(signature, "signature").length == 0) {
      throw new InvalidInputException("message signature is empty");
    }
    this.signature = signature.clone();
  }

  public static MessageSignature of(Digest messageDigest, byte[] signature) {
    return new MessageSignature(messageDigest, signature);
  }

  /** The artifact digest the bundle names. */
  public Digest messageDigest() {
    return messageDigest;
  }

  /** A copy of the signature bytes. */
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageSignature && messageDigest.equals(((MessageSignature) o).messageDigest)
        && Arrays.equals(signature, ((MessageSignature) o).signature);
  }

  @Override
  public int hashCode() {
    return 31 * messageDigest.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "MessageSignature{" + messageDigest + ", " + signature.length + " signature bytes}";
  }
}
