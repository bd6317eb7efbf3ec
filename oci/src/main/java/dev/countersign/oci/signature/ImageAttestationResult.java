package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.intoto.InTotoStatement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of {@link ImageAttestationVerifier#verify}: the digest the reference resolved to (once), every
 * attestation found (verified, of another type, failed with the reason, or ignored) and notes. It
 * {@linkplain #passed() passed} when at least one attestation verified: signed by enough trusted keys, a statement
 * about this digest, of the requested predicate type. {@link #statements()} are the decoded, verified statements.
 */
public final class ImageAttestationResult {
  private final String reference;
  private final Digest digest;
  private final String requestedType;
  private final List<FoundAttestation> attestations;
  private final List<String> notes;

  /** Used by {@link ImageAttestationVerifier}; {@code digest} and {@code requestedType} may be null. */
  public ImageAttestationResult(String reference, Digest digest, String requestedType,
      List<FoundAttestation> attestations, List<String> notes) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.digest = digest;
    this.requestedType = requestedType;
    this.attestations = List.copyOf(attestations);
    this.notes = List.copyOf(notes);
  }

  /** The reference as given. */
  public String reference() {
    return reference;
  }

  /** The digest the reference resolved to; empty when nothing was found. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** The predicate type asked for, as given; empty when any type was accepted. */
  public Optional<String> requestedType() {
    return Optional.ofNullable(requestedType);
  }

  /** Every attestation found, in the order found (legacy layers first, then referrers). */
  public List<FoundAttestation> attestations() {
    return attestations;
  }

  /** The attestations that verified. */
  public List<FoundAttestation> verified() {
    return attestations.stream().filter(FoundAttestation::verified).toList();
  }

  /** The decoded statements of the verified attestations (one per envelope found, in order). */
  public List<InTotoStatement> statements() {
    return verified().stream().map(a -> a.statement().orElseThrow()).toList();
  }

  /** The predicate types of every signed attestation about this image, whether requested or not. */
  public Set<String> foundPredicateTypes() {
    Set<String> out = new LinkedHashSet<>();
    attestations.forEach(a -> a.predicateType().ifPresent(out::add));
    return out;
  }

  /** Missing tags, caps applied, cached results. */
  public List<String> notes() {
    return notes;
  }

  /** True when at least one attestation verified. */
  public boolean passed() {
    return digest != null && !verified().isEmpty();
  }

  /** Why it failed; empty when it passed. */
  public Optional<String> reason() {
    if (passed()) {
      return Optional.empty();
    }
    if (digest == null) {
      return Optional.of(reference + " does not exist" + (notes.isEmpty() ? "" : ": " + notes.get(0)));
    }
    if (requestedType != null && !foundPredicateTypes().isEmpty()) {
      return Optional.of("no attestation of type " + requestedType + " for " + digest + "; found predicate types: "
          + String.join(", ", foundPredicateTypes()));
    }
    List<FoundAttestation> failed = attestations.stream()
        .filter(a -> a.status() == FoundAttestation.Status.FAILED).toList();
    if (failed.isEmpty()) {
      return Optional.of("no attestations found for " + digest);
    }
    return Optional.of("no valid attestation for " + digest + " (" + failed.size() + " failed, first: "
        + failed.get(0).location() + ": " + failed.get(0).reason().orElse("?") + ")");
  }

  /** Every check by name: the resolved digest, each attestation found, the predicate type, the verdict. */
  public VerificationReport report() {
    VerificationReport.Builder r = VerificationReport.builder(reference);
    r.add(digest == null ? VerificationCheck.failed("image", "a manifest", "none", reason().orElse(null))
        : VerificationCheck.passed("image", digest.toString()));
    for (FoundAttestation a : attestations) {
      r.add(a.verified() ? VerificationCheck.passed("attestation", a.format() + " " + a.location() + " type "
          + a.predicateType().orElse("?") + " keys " + a.keyIds())
          : VerificationCheck.notPerformed("attestation", "not counted: " + a));
    }
    if (requestedType != null && digest != null) {
      r.add(passed() ? VerificationCheck.passed("predicate-type", requestedType)
          : VerificationCheck.failed("predicate-type", requestedType, foundPredicateTypes().isEmpty() ? "none"
              : String.join(", ", foundPredicateTypes()), null));
    }
    if (digest != null) {
      r.add(passed() ? VerificationCheck.passed("attestations", verified().size() + " verified")
          : VerificationCheck.failed("attestations", "at least one verified attestation", "none",
              reason().orElse(null)));
    }
    return r.build();
  }

  /** Returns this result when it passed, else throws {@link VerificationException} with {@link #report()}. */
  public ImageAttestationResult orThrow() {
    if (!passed()) {
      throw new VerificationException(report());
    }
    return this;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(passed() ? "verified attestations of " + reference + "@" + digest
        : "attestation verification of " + reference + " failed: " + reason().orElse(""));
    attestations.forEach(a -> s.append("\n  ").append(a));
    notes.forEach(n -> s.append("\n  note: ").append(n));
    return s.toString();
  }
}
