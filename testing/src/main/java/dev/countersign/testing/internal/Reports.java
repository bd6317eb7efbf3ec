package dev.countersign.testing.internal;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.testing.ImageUnderTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Verification reports for the assertions, made with the public verifiers; no AssertJ here. */
public final class Reports {
  private static final long MAX_SIGNATURE_BYTES = 16L << 20;

  private Reports() {}

  /**
   * Checks {@code blob} against a signature file: a Sigstore bundle (JSON) or cosign's base64 signature. Failures to
   * read either are a failed {@code signature-file} check.
   */
  public static VerificationReport blob(Path blob, Verifier verifier, Path signatureOrBundle) {
    String text;
    try {
      if (Files.size(signatureOrBundle) > MAX_SIGNATURE_BYTES) {
        throw new InvalidInputException(signatureOrBundle + " is larger than " + MAX_SIGNATURE_BYTES + " bytes");
      }
      text = Files.readString(signatureOrBundle, StandardCharsets.UTF_8).trim();
    } catch (IOException | CountersignException e) {
      return failed(blob, "signature-file", "a readable signature or bundle", e.getMessage());
    }
    try {
      BlobVerifier v = BlobVerifier.of(verifier);
      return text.startsWith("{") ? v.checkBundle(blob, Bundle.parse(text)) : v.checkSignature(blob, text);
    } catch (CountersignException e) {
      return failed(blob, "signature-file", "a valid signature or bundle", e.getMessage());
    }
  }

  /** Checks {@code blob} against a base64 signature. */
  public static VerificationReport blob(Path blob, Verifier verifier, String base64Signature) {
    try {
      return BlobVerifier.of(verifier).checkSignature(blob, base64Signature);
    } catch (CountersignException e) {
      return failed(blob, "signature", "a valid base64 signature", e.getMessage());
    }
  }

  /** Every signature found on the image, each with its own checks, then whether one is by {@code verifier}. */
  public static VerificationReport image(ImageUnderTest image, Verifier verifier) {
    VerificationReport.Builder r = VerificationReport.builder(image.toString());
    ImageVerificationResult result;
    try {
      result = ImageVerifier.builder().trust(verifier).build().verify(image.repository(), image.reference());
    } catch (CountersignException e) {
      return r.add(VerificationCheck.failed("image", "a signed image", "error", e.getMessage())).build();
    }
    r.add(result.digest().isPresent() ? VerificationCheck.passed("image", result.digest().get().toString())
        : VerificationCheck.failed("image", "a manifest", "none", result.reason().orElse(null)));
    for (FoundSignature f : result.signatures()) {
      String where = f.format() + " " + f.location() + f.keyId().map(k -> " key " + k).orElse("");
      r.add(f.verified() ? VerificationCheck.passed("signature", where)
          : VerificationCheck.notPerformed("signature", "not counted: " + where));
      for (VerificationCheck c : f.report().checks()) {
        if (c.status() == VerificationCheck.Status.FAILED) {
          r.add(c);
        }
      }
    }
    KeyId expected = verifier.keyId();
    String keys = result.signatures().stream().flatMap(f -> f.keyId().stream()).map(KeyId::toString).distinct()
        .collect(Collectors.joining(", "));
    int n = result.signatures().size();
    String found = n == 0 ? "no signature" : keys.isEmpty() ? n + " signature(s) naming no key"
        : "signatures by " + keys;
    r.add(result.passed() ? VerificationCheck.passed("signature-from", expected.toString())
        : VerificationCheck.failed("signature-from", "a verified signature by " + expected,
            found, result.reason().orElse(null)));
    result.notes().forEach(note -> r.add(VerificationCheck.notPerformed("note", note)));
    return r.build();
  }

  private static VerificationReport failed(Path subject, String name, String expected, String detail) {
    return VerificationReport.builder(subject.toString())
        .add(VerificationCheck.failed(name, expected, "unusable", detail)).build();
  }
}
