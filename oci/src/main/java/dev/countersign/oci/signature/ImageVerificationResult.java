package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ImageVerifier#verify}: the digest the reference resolved to, every signature found (verified,
 * failed with the reason, or ignored), and notes (signature manifests over the layer cap, missing tags). It
 * {@linkplain #passed() passed} when every checked manifest (the image, plus each platform manifest when
 * recursive) has at least one verified signature.
 */
public final class ImageVerificationResult {
  private final String reference;
  private final Digest digest;
  private final List<Digest> subjects;
  private final List<FoundSignature> signatures;
  private final List<String> notes;

  /** Used by {@link ImageVerifier}; {@code digest} is null when the reference resolved to nothing. */
  public ImageVerificationResult(String reference, Digest digest, List<Digest> subjects,
      List<FoundSignature> signatures, List<String> notes) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.digest = digest;
    this.subjects = List.copyOf(subjects);
    this.signatures = List.copyOf(signatures);
    this.notes = List.copyOf(notes);
    if (digest == null && !this.subjects.isEmpty()) {
      throw new IllegalArgumentException("subjects without a resolved digest");
    }
  }

  /** The reference as given. */
  public String reference() {
    return reference;
  }

  /** The digest the reference resolved to (once); empty when nothing was found. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** The manifests whose signatures were checked: the image, then (recursive) the manifests it lists. */
  public List<Digest> subjects() {
    return subjects;
  }

  /** Every signature found, in the order found. */
  public List<FoundSignature> signatures() {
    return signatures;
  }

  /** The verified signatures. */
  public List<FoundSignature> verified() {
    return signatures.stream().filter(FoundSignature::verified).toList();
  }

  /** The payloads of the verified signatures (copies). */
  public List<byte[]> verifiedPayloads() {
    List<byte[]> out = new ArrayList<>();
    verified().forEach(s -> s.payload().ifPresent(out::add));
    return out;
  }

  /** Things worth knowing that are not signatures: missing tags, caps applied. */
  public List<String> notes() {
    return notes;
  }

  /** True when every subject has at least one verified signature. */
  public boolean passed() {
    return digest != null && !subjects.isEmpty() && unsigned().isEmpty();
  }

  /** Why it failed; empty when it passed. */
  public Optional<String> reason() {
    if (passed()) {
      return Optional.empty();
    }
    if (digest == null) {
      return Optional.of(reference + " does not exist" + (notes.isEmpty() ? "" : ": " + notes.get(0)));
    }
    List<Digest> unsigned = unsigned();
    StringBuilder s = new StringBuilder();
    for (Digest d : unsigned) {
      long found = signatures.stream().filter(f -> f.subject().equals(d)
          && f.status() != FoundSignature.Status.IGNORED).count();
      s.append(s.length() == 0 ? "" : "; ").append(found == 0 ? "no signatures found for " + d
          : "no valid signature for " + d + " (" + found + " checked, first: "
          + signatures.stream().filter(f -> f.subject().equals(d) && f.status() == FoundSignature.Status.FAILED)
              .findFirst().flatMap(FoundSignature::reason).orElse("?") + ")");
    }
    return Optional.of(s.toString());
  }

  /** Returns this result when it passed, else throws {@link VerificationException} with every failure. */
  public ImageVerificationResult orThrow() {
    if (passed()) {
      return this;
    }
    VerificationReport.Builder r = VerificationReport.builder(reference);
    r.add(VerificationCheck.failed("image-signature", "at least one signature by a trusted key per manifest",
        null, reason().orElse(null)));
    for (FoundSignature f : signatures) {
      if (f.status() == FoundSignature.Status.FAILED) {
        r.add(VerificationCheck.failed("signature", null, null, f.toString()));
      }
    }
    throw new VerificationException(r.build());
  }

  private List<Digest> unsigned() {
    List<Digest> out = new ArrayList<>();
    for (Digest d : subjects) {
      if (signatures.stream().noneMatch(f -> f.verified() && f.subject().equals(d))) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(passed() ? "verified " + reference + "@" + digest
        : "verification of " + reference + " failed: " + reason().orElse(""));
    signatures.forEach(f -> s.append("\n  ").append(f));
    notes.forEach(n -> s.append("\n  note: ").append(n));
    return s.toString();
  }
}
