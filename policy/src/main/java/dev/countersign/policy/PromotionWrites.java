package dev.countersign.policy;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.dsse.DsseEnvelope;
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
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  private boolean knownSigned;
  private boolean knownAttested;

  PromotionWrites(Promotion settings, Repository source, Repository target, String targetReference,
      String targetTag) {
    this.settings = settings;
    this.source = source;
    this.target = target;
    this.targetReference = targetReference;
    this.targetTag = targetTag;
  }

  /** What the checks already found on the image (same repository): spares reading it all again. */
  void alreadyFound(boolean platformSigned, boolean summaryAttached) {
    this.knownSigned = platformSigned;
    this.knownAttested = summaryAttached;
  }

  List<String> write(Descriptor image, List<FoundAttestation> provenance) {
    List<String> actions = new ArrayList<>();
    Digest digest = image.digest();
    String pinned = digest.toString();
    if (target != source && target.resolve(pinned).isEmpty()) {
      ImageCopy.withoutSignatures().copy(source, pinned, target, null);
      actions.add("copied " + pinned + " to " + targetReference);
    }
    boolean copied = target != source;
    if (knownSigned || copied
        && ImageVerifier.builder().keyResolver(settings.platformKeys).build().verify(target, pinned).passed()) {
      actions.add("platform signature already present");
    } else {
      ImageSigner.builder(settings.platformSigner).format(settings.format).build().sign(target, targetReference, image);
      actions.add("signed " + pinned + " with platform key " + settings.platformSigner.keyId());
    }
    if (knownAttested || copied && vsaPresent(pinned)) {
      actions.add("verification summary already attached");
    } else {
      SignedAttestation vsa = AttestationBuilder.of(settings.platformSigner).subject(targetReference, digest)
          .predicate(summary(digest, provenance)).build();
      ImageAttester.builder().format(settings.format).build().attach(target, image, vsa.envelope());
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

  /** A PASSED VSA for this digest and this policy, signed by the platform key, is already attached. */
  private boolean vsaPresent(String pinned) {
    for (InTotoStatement s : ImageAttestationVerifier.builder().keyResolver(settings.platformKeys)
        .type(PredicateTypes.SLSA_VSA_V1).build().verify(target, pinned).statements()) {
      if (isOurSummary(settings, s)) {
        return true;
      }
    }
    return false;
  }

  /** A PASSED verification summary under this promotion's policy (same policy digest). */
  static boolean isOurSummary(Promotion settings, InTotoStatement statement) {
    if (!PredicateTypes.SLSA_VSA_V1.equals(statement.predicateType())) {
      return false;
    }
    try {
      VerificationSummary vsa = VerificationSummary.from(statement);
      return vsa.passed() && settings.policy.digest().hex().equals(vsa.policy().digest().asMap().get("sha256"));
    } catch (InvalidInputException malformed) {
      return false;
    }
  }

  private VerificationSummary summary(Digest digest, List<FoundAttestation> provenance) {
    VerificationSummaryBuilder vsa = VerificationSummary.builder().verifierId(settings.verifierId)
        .timeVerified(settings.clock.instant().truncatedTo(ChronoUnit.SECONDS))
        .resourceUri(targetReference + "@" + digest)
        .policy(settings.policy.uri(), settings.policy.digest())
        .passed(true).verifiedLevel(settings.verifiedLevel).slsaVersion("1.0");
    for (FoundAttestation a : provenance) {
      DsseEnvelope envelope = a.envelope().orElseThrow();
      vsa.inputAttestation(a.location(),
          Digest.compute(DigestAlgorithm.SHA256, envelope.toJson().getBytes(StandardCharsets.UTF_8)));
    }
    return vsa.build();
  }
}
