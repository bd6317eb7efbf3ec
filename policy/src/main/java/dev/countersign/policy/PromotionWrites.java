package dev.countersign.policy;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.core.intoto.VerificationSummary;
import dev.countersign.core.intoto.VerificationSummaryBuilder;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageCopy;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The writes of a promotion that passed, in crash-safe order: copy into the target repository (when it is another
 * one), platform signature, VSA, and the tag last. Each is skipped when an earlier run already made it, so a retry
 * after a crash at any step converges on the same state without duplicates.
 */
final class PromotionWrites {
  private final Promotion settings;
  private final Repository source;
  private final Repository target;
  private final String targetReference;
  private final String targetTag;
  private Set<SignatureFormat> knownSigned;
  private List<FoundAttestation> knownAttestations;

  PromotionWrites(Promotion settings, Repository source, Repository target, String targetReference,
      String targetTag) {
    this.settings = settings;
    this.source = source;
    this.target = target;
    this.targetReference = targetReference;
    this.targetTag = targetTag;
  }

  /** What the checks already found on the image (same repository): spares reading it all again. */
  void alreadyFound(Set<SignatureFormat> platformSigned, List<FoundAttestation> platformAttestations) {
    this.knownSigned = platformSigned;
    this.knownAttestations = platformAttestations;
  }

  List<String> write(Descriptor image, List<FoundAttestation> provenance) {
    List<String> actions = new ArrayList<>();
    Digest digest = image.digest();
    String pinned = digest.toString();
    if (target != source && target.resolve(pinned).isEmpty()) {
      ImageCopy.withoutSignatures().copy(source, pinned, target, null);
      actions.add("copied " + pinned + " to " + targetReference);
    }
    Set<SignatureFormat> signed = knownSigned != null ? knownSigned : platformSignatures(pinned);
    Optional<SignatureFormat> unsigned = missing(signed);
    if (unsigned.isEmpty()) {
      actions.add("platform signature already present");
    } else {
      ImageSigner.builder(settings.platformSigner).format(unsigned.get()).build().sign(target, targetReference, image);
      actions.add("signed " + pinned + " with platform key " + settings.platformSigner.keyId()
          + (unsigned.get() == settings.format ? "" : " (" + unsigned.get().name().toLowerCase(Locale.ROOT) + ")"));
    }
    Set<String> inputs = new HashSet<>();
    provenance.forEach(a -> inputs.add(envelopeDigest(a).hex()));
    Set<SignatureFormat> attested = EnumSet.noneOf(SignatureFormat.class);
    for (FoundAttestation a : knownAttestations != null ? knownAttestations : platformAttestations(pinned)) {
      if (isOurSummary(a.statement().orElseThrow(), inputs)) {
        attested.add(a.format());
      }
    }
    Optional<SignatureFormat> unattested = missing(attested);
    if (unattested.isEmpty()) {
      actions.add("verification summary already attached");
    } else {
      SignedAttestation vsa = AttestationBuilder.of(settings.platformSigner).subject(targetReference, digest)
          .predicate(summary(digest, provenance)).build();
      ImageAttester.builder().format(unattested.get()).build().attach(target, image, vsa.envelope());
      actions.add("attached verification summary " + vsa.envelopeDigest());
    }
    Optional<Descriptor> tagged = target.resolve(targetTag);
    if (tagged.isPresent() && tagged.get().digest().equals(digest)) {
      actions.add("already tagged " + targetTag);
    } else {
      Manifest manifest = target.manifest(pinned).orElseThrow();
      target.putManifest(manifest, targetTag);
      actions.add("tagged " + targetTag);
    }
    return actions;
  }

  private Set<SignatureFormat> platformSignatures(String pinned) {
    Set<SignatureFormat> out = EnumSet.noneOf(SignatureFormat.class);
    ImageVerifier.builder().keyResolver(settings.platformKeys).build().verify(target, pinned).verified()
        .forEach(s -> out.add(s.format()));
    return out;
  }

  private List<FoundAttestation> platformAttestations(String pinned) {
    return ImageAttestationVerifier.builder().keyResolver(settings.platformKeys).type(PredicateTypes.SLSA_VSA_V1)
        .build().verify(target, pinned).verified();
  }

  /** The scheme(s) of the configured format that are not there yet; empty when all are. */
  private Optional<SignatureFormat> missing(Set<SignatureFormat> present) {
    boolean legacy = settings.format != SignatureFormat.BUNDLE && !present.contains(SignatureFormat.LEGACY);
    boolean bundle = settings.format != SignatureFormat.LEGACY && !present.contains(SignatureFormat.BUNDLE);
    return legacy && bundle ? Optional.of(SignatureFormat.BOTH) : legacy ? Optional.of(SignatureFormat.LEGACY)
        : bundle ? Optional.of(SignatureFormat.BUNDLE) : Optional.empty();
  }

  /**
   * A PASSED verification summary made under this promotion's policy (same policy digest) from exactly these input
   * attestations: new provenance, or another policy, calls for a new summary.
   */
  private boolean isOurSummary(InTotoStatement statement, Set<String> inputs) {
    if (!PredicateTypes.SLSA_VSA_V1.equals(statement.predicateType())) {
      return false;
    }
    try {
      VerificationSummary vsa = VerificationSummary.from(statement);
      Set<String> used = new HashSet<>();
      vsa.inputAttestations().forEach(d -> used.add(d.digest().asMap().get("sha256")));
      return vsa.passed() && settings.policy.digest().hex().equals(vsa.policy().digest().asMap().get("sha256"))
          && used.equals(inputs);
    } catch (InvalidInputException malformed) {
      return false;
    }
  }

  private static Digest envelopeDigest(FoundAttestation a) {
    return Digest.compute(DigestAlgorithm.SHA256, a.envelope().orElseThrow().toJson().getBytes(StandardCharsets.UTF_8));
  }

  private VerificationSummary summary(Digest digest, List<FoundAttestation> provenance) {
    VerificationSummaryBuilder vsa = VerificationSummary.builder().verifierId(settings.verifierId)
        .timeVerified(settings.clock.instant().truncatedTo(ChronoUnit.SECONDS))
        .resourceUri(targetReference + "@" + digest)
        .policy(settings.policy.uri(), settings.policy.digest())
        .passed(true).verifiedLevel(settings.verifiedLevel).slsaVersion("1.0");
    for (FoundAttestation a : provenance) {
      vsa.inputAttestation(a.location(), envelopeDigest(a));
    }
    return vsa.build();
  }
}
