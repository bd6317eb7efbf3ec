package dev.countersign.core.dsse;

import dev.countersign.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One signature of a {@link DsseEnvelope}: the signature bytes and an optional {@code keyid}. The key id is a
 * hint for finding the key; verification never trusts it.
 */
public final class DsseSignature {
  private final String keyId;
  private final byte[] sig;

  private DsseSignature(String keyId, byte[] sig) {
    this.keyId = keyId == null || keyId.isEmpty() ? null : keyId;
    if (Objects.requireNonNull(sig, "sig").length == 0) {
      throw new InvalidInputException("DSSE signature is empty");
    }
    this.sig = sig.clone();
  }

  /** A signature with an optional key id hint ({@code null} or empty for none). */
  public static DsseSignature of(String keyId, byte[] sig) {
    return new DsseSignature(keyId, sig);
  }

  /** The key id hint, if any. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** A copy of the signature bytes. */
  public byte[] sig() {
    return sig.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DsseSignature)) {
      return false;
    }
    DsseSignature s = (DsseSignature) o;
    return Objects.equals(keyId, s.keyId) && Arrays.equals(sig, s.sig);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(keyId) + Arrays.hashCode(sig);
  }

  @Override
  public String toString() {
    return "DsseSignature{keyid=" + keyId + ", " + sig.length + " bytes}";
  }
}
