package dev.countersign.core.internal.dsse;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyType;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import dev.countersign.core.internal.EcdsaSignatures;
import java.security.interfaces.ECKey;

/**
 * Runs one signature against one key and turns the outcome into a reason: {@code null} when the signature
 * verifies, else why not. A malformed or non-verifying signature is a reason, never an exception;
 * {@link dev.countersign.core.BackendException}s (a key service that failed) propagate.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  /**
   * Checks {@code sig} over {@code message}. With {@code allowP1363}, an ECDSA signature that is exactly
   * {@code 2 * field size} bytes and does not verify as DER is also tried as IEEE P1363 {@code r||s}, as DSSE
   * producers (the DSSE spec's own vector among them) write it.
   */
  public static String check(Verifier verifier, byte[] message, byte[] sig, boolean allowP1363) {
    String reason = attempt(verifier, message, sig);
    if (reason == null || !allowP1363 || verifier.algorithm().keyType() != KeyType.EC) {
      return reason;
    }
    int field = fieldBytes(verifier.algorithm().curve().orElse(""));
    if (field == 0 || sig.length != 2 * field || !(verifier.publicKey() instanceof ECKey)) {
      return reason;
    }
    byte[] der;
    try {
      der = EcdsaSignatures.p1363ToDer(sig, field, ((ECKey) verifier.publicKey()).getParams().getOrder());
    } catch (InvalidInputException e) {
      return reason + "; as IEEE P1363: " + e.getMessage();
    }
    String p1363 = attempt(verifier, message, der);
    return p1363 == null ? null : reason + "; as IEEE P1363: " + p1363;
  }

  /** Checks {@code sig} over a precomputed digest (which must use the verifier's hash). */
  public static String checkDigest(Verifier verifier, Digest digest, byte[] sig) {
    try {
      verifier.verifyDigest(digest, sig);
      return null;
    } catch (VerificationException e) {
      return describe(e);
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }

  private static String attempt(Verifier verifier, byte[] message, byte[] sig) {
    try {
      verifier.verify(message, sig);
      return null;
    } catch (VerificationException e) {
      return describe(e);
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }

  private static String describe(VerificationException e) {
    return e.report().failures().stream().findFirst()
        .map(c -> c.detail().orElse(c.actual().orElse("signature does not verify")))
        .orElse("signature does not verify");
  }

  /** Bytes of one half of an IEEE P1363 signature on a NIST curve, 0 when unknown. */
  public static int fieldBytes(String curve) {
    switch (curve) {
      case "P-256":
        return 32;
      case "P-384":
        return 48;
      case "P-521":
        return 66;
      default:
        return 0;
    }
  }
}
