package dev.countersign.sbom;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.sbom.internal.attest.SignedSbomCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fetches and verifies the SBOM attestation of an image, then hands out the SBOM. Verification is that of
 * {@link ImageAttestationVerifier}: the reference is resolved to a digest once, each attestation's DSSE signatures
 * must come from at least {@link Builder#threshold threshold} distinct trusted keys, its statement must name that
 * digest as a subject and have the CycloneDX predicate type ({@code https://cyclonedx.org/bom}, versioned URIs
 * such as {@code .../bom/v1.6} too) or, with {@link Builder#spdx()}, SPDX. Only then is the predicate read as an
 * SBOM: validated against the schema of its own {@code specVersion} and parsed into {@link org.cyclonedx.model.Bom}.
 * The SBOM is never handed out before its signature and subject verified. Unsigned cosign {@code .sbom}
 * attachments are reported ({@link SbomVerification#unsignedAttachments()}) and never count. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SbomVerification v = SbomVerifier.builder().trust(Verifiers.of(publicKey)).build().verify(repo, "v1.2");
 * Bom bom = v.orThrow().bom().orElseThrow();
 * }</pre>
 */
public final class SbomVerifier {
  private final ImageAttestationVerifier attestations;
  private final boolean cycloneDx;
  private final int maxPredicateBytes;
  private final boolean readUnsigned;

  private SbomVerifier(Builder b) {
    ImageAttestationVerifier.Builder v = ImageAttestationVerifier.builder().threshold(b.threshold)
        .formats(b.formats).type(b.cycloneDx ? PredicateTypes.CYCLONEDX : PredicateTypes.SPDX);
    if (!b.trusted.isEmpty()) {
      v.trust(b.trusted.toArray(Verifier[]::new));
    }
    if (b.resolver != null) {
      v.keyResolver(b.resolver);
    }
    this.attestations = v.build();
    this.cycloneDx = b.cycloneDx;
    this.maxPredicateBytes = b.maxPredicateBytes;
    this.readUnsigned = b.readUnsigned;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies the SBOM attestations of the image {@code tagOrDigest} names in {@code repo}. */
  public SbomVerification verify(Repository repo, String tagOrDigest) {
    ImageAttestationResult result = attestations.verify(repo, tagOrDigest);
    VerificationReport.Builder report = VerificationReport.builder(tagOrDigest).addAll(result.report().checks());
    List<UnsignedSbom> unsigned = unsigned(repo, result, report);
    String kind = cycloneDx ? "CycloneDX" : "SPDX";
    if (!result.passed()) {
      String reason = result.reason().orElse("no " + kind + " SBOM attestation verified");
      return new SbomVerification(tagOrDigest, cycloneDx, result, report.build(), null, null, null, List.of(), 0,
          unsigned, reason + unsignedNote(unsigned));
    }
    Set<String> seen = new HashSet<>();
    SignedSbomCheck.Checked chosen = null;
    FoundAttestation chosenFrom = null;
    int valid = 0;
    String firstProblem = null;
    for (FoundAttestation found : result.verified()) {
      if (!seen.add(found.envelope().map(DsseEnvelope::toJson).orElse(found.location()))) {
        continue;
      }
      try {
        SignedSbomCheck.Checked checked = SignedSbomCheck.check(found.statement().orElseThrow(), cycloneDx,
            maxPredicateBytes);
        valid++;
        chosen = checked;
        chosenFrom = found;
        report.add(VerificationCheck.passed("sbom", kind + " " + checked.specVersion() + " at " + found.location()));
      } catch (InvalidInputException e) {
        firstProblem = firstProblem == null ? found.location() + ": " + e.getMessage() : firstProblem;
        report.add(VerificationCheck.notPerformed("sbom", "not counted: " + found.location() + ": "
            + e.getMessage()));
      }
    }
    if (chosen == null) {
      String reason = "the signed " + kind + " attestation(s) hold no valid SBOM (first: " + firstProblem + ")";
      report.add(VerificationCheck.failed("sbom", "a valid " + kind + " SBOM", "none", reason));
      return new SbomVerification(tagOrDigest, cycloneDx, result, report.build(), null, null, null, List.of(), 0,
          unsigned, reason);
    }
    return new SbomVerification(tagOrDigest, cycloneDx, result, report.build(), chosen.json(),
        chosen.specVersion(), chosenFrom.location(), chosenFrom.keyIds(), valid, unsigned, null);
  }

  private List<UnsignedSbom> unsigned(Repository repo, ImageAttestationResult result,
      VerificationReport.Builder report) {
    if (!readUnsigned || result.digest().isEmpty()) {
      return List.of();
    }
    List<UnsignedSbom> found;
    try {
      found = LegacySbomAttachments.read(repo, result.digest().get());
    } catch (CountersignException e) {
      report.add(VerificationCheck.notPerformed("unsigned-sbom", "unreadable cosign .sbom attachment: "
          + e.getMessage()));
      return List.of();
    }
    found.forEach(u -> report.add(VerificationCheck.notPerformed("unsigned-sbom", u.toString())));
    return found;
  }

  private static String unsignedNote(List<UnsignedSbom> unsigned) {
    return unsigned.isEmpty() ? "" : "; the image has " + unsigned.size() + " unsigned cosign .sbom attachment"
        + (unsigned.size() == 1 ? "" : "s") + ", which cannot be verified and do not count";
  }

  /** Collects trusted keys and requirements. */
  public static final class Builder {
    private final List<Verifier> trusted = new ArrayList<>();
    private KeyResolver resolver;
    private int threshold = 1;
    private boolean cycloneDx = true;
    private SignatureFormat formats = SignatureFormat.BOTH;
    private int maxPredicateBytes = SbomDocuments.DEFAULT_MAX_BYTES;
    private boolean readUnsigned = true;

    private Builder() {}

    /** Trusts these keys. */
    public Builder trust(Verifier... verifiers) {
      for (Verifier v : verifiers) {
        trusted.add(Objects.requireNonNull(v, "verifier"));
      }
      return this;
    }

    /** Trusts the keys a resolver returns (e.g. {@code KeyBackends.discover().resolver("awskms:///alias/x")}). */
    public Builder keyResolver(KeyResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Distinct trusted keys that must have signed one attestation (M of N); default 1. */
    public Builder threshold(int threshold) {
      if (threshold < 1) {
        throw new InvalidInputException("threshold must be at least 1, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** Verifies SPDX attestations ({@code https://spdx.dev/Document}) instead of CycloneDX. */
    public Builder spdx() {
      this.cycloneDx = false;
      return this;
    }

    /** Which attestation schemes to read; default {@link SignatureFormat#BOTH}. */
    public Builder formats(SignatureFormat formats) {
      this.formats = Objects.requireNonNull(formats, "formats");
      return this;
    }

    /** Largest SBOM accepted (as JSON), in bytes; default 16 MiB. */
    public Builder maxPredicateBytes(int max) {
      if (max < 1 || max > SbomDocuments.DEFAULT_MAX_BYTES) {
        throw new InvalidInputException("maxPredicateBytes must be 1 to " + SbomDocuments.DEFAULT_MAX_BYTES
            + ", got " + max);
      }
      this.maxPredicateBytes = max;
      return this;
    }

    /** Whether to look for (and report) unsigned cosign {@code .sbom} attachments; default true. */
    public Builder reportUnsignedAttachments(boolean read) {
      this.readUnsigned = read;
      return this;
    }

    public SbomVerifier build() {
      if (trusted.isEmpty() && resolver == null) {
        throw new InvalidInputException("no trusted keys: call trust(...) or keyResolver(...)");
      }
      return new SbomVerifier(this);
    }
  }
}
