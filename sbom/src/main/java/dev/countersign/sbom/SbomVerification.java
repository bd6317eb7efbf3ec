package dev.countersign.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.sbom.internal.attest.CycloneDxJson;
import dev.countersign.sbom.internal.attest.StrictSbomJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cyclonedx.model.Bom;

/**
 * The outcome of {@link SbomVerifier#verify}. When it {@linkplain #passed() passed}, an SBOM attestation about the
 * image's digest was signed by enough trusted keys and its SBOM is valid; {@link #bom()} and {@link #json()} give
 * that SBOM (the most recently found one when several verified; {@link #verifiedCount()} says how many). When it
 * failed, no SBOM content is handed out at all. Unsigned cosign {@code .sbom} attachments found on the image are
 * listed in {@link #unsignedAttachments()} and never count.
 */
public final class SbomVerification {
  private final String reference;
  private final boolean cycloneDx;
  private final ImageAttestationResult attestations;
  private final VerificationReport report;
  private final byte[] json;
  private final String specVersion;
  private final String location;
  private final List<KeyId> keyIds;
  private final int verifiedCount;
  private final List<UnsignedSbom> unsigned;
  private final String reason;

  SbomVerification(String reference, boolean cycloneDx, ImageAttestationResult attestations,
      VerificationReport report, byte[] json, String specVersion, String location, List<KeyId> keyIds,
      int verifiedCount, List<UnsignedSbom> unsigned, String reason) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.cycloneDx = cycloneDx;
    this.attestations = Objects.requireNonNull(attestations, "attestations");
    this.report = Objects.requireNonNull(report, "report");
    boolean ok = report.passed() && json != null;
    this.json = ok ? json.clone() : null;
    this.specVersion = ok ? specVersion : null;
    this.location = ok ? location : null;
    this.keyIds = ok ? List.copyOf(keyIds) : List.of();
    this.verifiedCount = ok ? verifiedCount : 0;
    this.unsigned = List.copyOf(unsigned);
    this.reason = ok ? null : Objects.requireNonNullElse(reason, report.summary());
  }

  /** The reference as given. */
  public String reference() {
    return reference;
  }

  /** The digest the reference resolved to; empty when the image does not exist. */
  public Optional<Digest> digest() {
    return attestations.digest();
  }

  /** True when a signed SBOM attestation about this image verified and its SBOM is valid. */
  public boolean passed() {
    return json != null;
  }

  /** The verified CycloneDX BOM, parsed anew on each call (the model is mutable); empty unless passed (or SPDX). */
  public Optional<Bom> bom() {
    return json == null || !cycloneDx ? Optional.empty() : Optional.of(CycloneDxJson.parse(json, "verified SBOM"));
  }

  /** The verified SBOM as compact JSON (a copy); empty unless passed. */
  public Optional<byte[]> json() {
    return Optional.ofNullable(json).map(byte[]::clone);
  }

  /** The verified SBOM as a JSON tree (a copy); empty unless passed. */
  public Optional<JsonNode> document() {
    return json == null ? Optional.empty() : Optional.of(StrictSbomJson.parseObject(json, "verified SBOM"));
  }

  /** CycloneDX {@code specVersion} or SPDX {@code spdxVersion} of the verified SBOM. */
  public Optional<String> specVersion() {
    return Optional.ofNullable(specVersion);
  }

  /** Where the returned SBOM's attestation is stored ({@code .att} layer or referrer). */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** The trusted keys whose signatures on the returned SBOM's attestation verified. */
  public List<KeyId> keyIds() {
    return keyIds;
  }

  /** How many distinct valid SBOM attestations verified (the same envelope in both schemes counts once). */
  public int verifiedCount() {
    return verifiedCount;
  }

  /** Unsigned cosign {@code .sbom} attachments found on the image: never verified, never returned as verified. */
  public List<UnsignedSbom> unsignedAttachments() {
    return unsigned;
  }

  /** The attestation verification underneath (every attestation found and why it did or did not count). */
  public ImageAttestationResult attestations() {
    return attestations;
  }

  /** Every check: the image, each attestation, each SBOM document, unsigned attachments, the verdict. */
  public VerificationReport report() {
    return report;
  }

  /** Why it failed; empty when it passed. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** Returns this when it passed, else throws {@link VerificationException} with {@link #report()}. */
  public SbomVerification orThrow() {
    if (!passed()) {
      throw new VerificationException(report);
    }
    return this;
  }

  @Override
  public String toString() {
    return passed() ? "verified " + (cycloneDx ? "CycloneDX " : "SPDX ") + specVersion + " SBOM of " + reference
        + "@" + digest().map(Digest::toString).orElse("?") + " signed by " + keyIds
        : "SBOM verification of " + reference + " failed: " + reason().orElse("");
  }
}
