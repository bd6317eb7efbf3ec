package dev.countersign.policy;

import dev.countersign.core.Digest;
import dev.countersign.core.KeyId;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageCopy;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.oci.signature.SignatureFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of a {@link Promotion}: the checks in order (resolve, developer signatures, provenance attestations,
 * policy), then, only when all pass, the writes (copy, platform signature, VSA, tag), each skipped when already
 * done. Not thread-safe; one instance per run.
 */
final class PromotionRun {
  private static final List<String> DEFAULT_TYPES =
      List.of(PredicateTypes.SLSA_PROVENANCE_V1, PredicateTypes.SLSA_PROVENANCE_V02);

  private final Promotion settings;
  private final Repository source;
  private final String reference;
  private final String tagOrDigest;
  private final Repository target;
  private final String targetTag;
  private String targetReference;
  /** Developer and platform keys together: one pass over the image's signatures serves both questions. */
  private final KeyResolver trusted;
  private final Set<KeyId> developerIds = new HashSet<>();
  private final KeyId platformId;
  private final Set<SignatureFormat> platformSigned = EnumSet.noneOf(SignatureFormat.class);
  private final List<FoundAttestation> platformAttestations = new ArrayList<>();

  PromotionRun(Promotion settings, Repository source, String reference, String tagOrDigest,
      Repository target, String targetTag) {
    this.settings = settings;
    this.source = source;
    this.reference = reference;
    this.tagOrDigest = tagOrDigest;
    this.target = target;
    this.targetTag = targetTag;
    this.targetReference = reference;
    this.platformId = settings.platformSigner.keyId();
    settings.developerKeys.resolve(KeyQuery.any()).forEach(v -> developerIds.add(v.keyId()));
    this.trusted = query -> {
      List<Verifier> keys = new ArrayList<>(settings.developerKeys.resolve(query));
      keys.addAll(settings.platformKeys.resolve(query));
      return keys;
    };
  }

  /** The signing identity in the target repository when it differs from the source's. */
  PromotionRun targetReference(String ref) {
    this.targetReference = ref;
    return this;
  }

  PromotionResult run() {
    VerificationReport.Builder report = VerificationReport.builder(reference + ":" + tagOrDigest);
    Optional<Descriptor> resolved = source.resolve(tagOrDigest);
    if (resolved.isEmpty()) {
      report.add(VerificationCheck.failed("resolve", "an image at " + tagOrDigest, "nothing", "no such tag or digest"));
      return new PromotionResult(null, report.build(), List.of(), "image " + reference + ":" + tagOrDigest + " not found");
    }
    Descriptor image = resolved.get();
    Digest digest = image.digest();
    report.add(VerificationCheck.passed("resolve", tagOrDigest + " is " + digest));
    String pinned = digest.toString();

    Optional<String> rejected = developerSignatures(pinned, report);
    List<FoundAttestation> provenance = new ArrayList<>();
    if (rejected.isEmpty()) {
      rejected = provenance(pinned, report, provenance);
    }
    if (rejected.isPresent()) {
      return new PromotionResult(digest, report.build(), List.of(), rejected.get());
    }
    PromotionWrites writes = new PromotionWrites(settings, source, target, targetReference, targetTag);
    if (target == source) {
      writes.alreadyFound(platformSigned, platformAttestations);
    }
    List<String> actions = writes.write(image, provenance);
    return new PromotionResult(digest, report.build(), actions, null);
  }

  private Optional<String> developerSignatures(String pinned, VerificationReport.Builder report) {
    ImageVerificationResult sigs = ImageVerifier.builder().keyResolver(trusted).build().verify(source, pinned);
    Set<KeyId> keys = new HashSet<>();
    for (FoundSignature s : sigs.verified()) {
      s.keyId().ifPresent(keys::add);
      if (s.keyId().filter(platformId::equals).isPresent()) {
        platformSigned.add(s.format());
      }
    }
    keys.retainAll(developerIds);
    int need = settings.threshold;
    if (keys.size() >= need) {
      report.add(VerificationCheck.passed("developer-signatures", keys.size() + " distinct trusted developer key(s)"
          + " signed " + pinned + " (threshold " + need + ")"));
      return Optional.empty();
    }
    String found = sigs.signatures().isEmpty() ? "no signatures" : keys.size() + " verified of "
        + sigs.signatures().size() + " found" + sigs.reason().map(r -> " (" + r + ")").orElse("");
    report.add(VerificationCheck.failed("developer-signatures", need + " signature(s) by distinct trusted developer keys",
        found, "too few developer signatures"));
    return Optional.of("too few developer signatures: expected " + need + " by distinct trusted keys, got "
        + keys.size());
  }

  private Optional<String> provenance(String pinned, VerificationReport.Builder report, List<FoundAttestation> out) {
    List<String> wanted = settings.policy.policy().predicateTypes().isEmpty() ? DEFAULT_TYPES
        : settings.policy.policy().predicateTypes();
    ImageAttestationResult atts = ImageAttestationVerifier.builder().keyResolver(trusted).build()
        .verify(source, pinned);
    // One envelope stored in both schemes (.att layer and bundle referrer) is one attestation.
    Set<String> seen = new HashSet<>();
    for (FoundAttestation a : atts.verified()) {
      String type = a.statement().map(InTotoStatement::predicateType).orElse("");
      String envelope = a.envelope().map(DsseEnvelope::toJson).orElse(a.location());
      Set<KeyId> signers = new HashSet<>(a.keyIds());
      if (signers.contains(platformId)) {
        platformAttestations.add(a);
      }
      signers.retainAll(developerIds);
      if (signers.size() >= settings.threshold && wanted.stream().anyMatch(w -> PredicateTypes.matches(w, type))
          && seen.add(envelope)) {
        out.add(a);
      }
    }
    if (out.isEmpty()) {
      report.add(VerificationCheck.failed("provenance-attestation", "a verified attestation of type " + wanted,
          atts.attestations().isEmpty() ? "no attestations" : "verified types " + verifiedTypes(atts)
              + ", found types " + atts.foundPredicateTypes(), "missing provenance attestation"));
      return Optional.of("missing provenance attestation: no attestation of type " + wanted
          + " signed by enough trusted developer keys");
    }
    report.add(VerificationCheck.passed("provenance-attestation", out.size() + " verified provenance attestation(s)"));
    PolicyEvaluator evaluator = settings.evaluator();
    Instant now = settings.clock.instant();
    Optional<String> reason = Optional.empty();
    for (int i = 0; i < out.size(); i++) {
      PolicyEvaluation e = evaluator.evaluate(out.get(i).statement().orElseThrow().toJson(), now);
      String prefix = out.size() == 1 ? "" : "attestation " + (i + 1) + ": ";
      for (VerificationCheck c : e.checks()) {
        report.add(prefix.isEmpty() ? c : prefixed(prefix, c));
      }
      if (reason.isEmpty() && !e.passed()) {
        reason = e.rejectionReason();
      }
    }
    return reason;
  }

  private static List<String> verifiedTypes(ImageAttestationResult atts) {
    List<String> types = new ArrayList<>();
    atts.verified().forEach(a -> a.predicateType().ifPresent(types::add));
    return types;
  }

  private static VerificationCheck prefixed(String prefix, VerificationCheck c) {
    String name = prefix + c.name();
    switch (c.status()) {
      case PASSED:
        return VerificationCheck.passed(name, c.detail().orElse(""));
      case FAILED:
        return VerificationCheck.failed(name, c.expected().orElse(""), c.actual().orElse(""), c.detail().orElse(""));
      default:
        return VerificationCheck.notPerformed(name, c.detail().orElse(""));
    }
  }
}
