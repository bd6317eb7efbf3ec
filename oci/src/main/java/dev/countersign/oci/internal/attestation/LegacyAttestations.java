package dev.countersign.oci.internal.attestation;

import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.io.Streams;
import dev.countersign.oci.internal.signature.LegacyAppend;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.SignatureFormat;
import dev.countersign.oci.signature.Triangulation;
import java.io.UncheckedIOException;
import java.util.List;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.oci.internal.signature.LegacyTimestamps;
import java.util.Optional;

/**
 * Reads the {@code sha256-<hex>.att} manifest of an image and checks each DSSE layer: media type, size cap, the
 * envelope blob (fetched by digest, size capped, strict JSON), then {@link EnvelopeCheck}. Other layers are listed
 * as ignored; a bad layer fails its own entry only.
 */
public final class LegacyAttestations {
  private LegacyAttestations() {}

  /** Adds one entry per layer considered to {@code found}; notes a missing tag or a cap applied. */
  public static void read(Repository repo, Digest image, AttestationExpectations expect, int maxLayers,
      List<FoundAttestation> found, List<String> notes) {
    String tag = Triangulation.attestationTag(image);
    List<Descriptor> layers;
    try {
      Optional<Manifest> att = repo.manifest(tag);
      if (att.isEmpty()) {
        notes.add("no legacy attestation tag " + tag);
        return;
      }
      layers = LegacyAppend.layersOf(att.get(), tag);
    } catch (CountersignException e) {
      found.add(failure(image, "tag " + tag, "attestation-manifest", e.getMessage()));
      return;
    }
    if (layers.size() > maxLayers) {
      notes.add(tag + " has " + layers.size() + " layers; only the first " + maxLayers + " were considered");
    }
    for (int i = 0; i < Math.min(layers.size(), maxLayers); i++) {
      Descriptor layer = layers.get(i);
      String where = "tag " + tag + " layer " + i + " (" + layer.digest() + ")";
      try {
        found.add(layer(repo, image, layer, where, expect));
      } catch (CountersignException | UncheckedIOException e) {
        found.add(failure(image, where, "envelope", e.getMessage()));
      }
    }
  }

  private static FoundAttestation layer(Repository repo, Digest image, Descriptor layer, String where,
      AttestationExpectations expect) {
    VerificationReport.Builder r = VerificationReport.builder(where);
    if (!MediaTypes.DSSE_ENVELOPE.equals(layer.mediaType())) {
      r.add(VerificationCheck.notPerformed("media-type", "layer media type " + layer.mediaType()
          + " is not a DSSE envelope"));
      return new FoundAttestation(SignatureFormat.LEGACY, image, where, FoundAttestation.Status.IGNORED, List.of(),
          r.build(), null);
    }
    if (layer.size() > expect.maxBytes()) {
      r.add(VerificationCheck.failed("envelope", "at most " + expect.maxBytes() + " bytes", layer.size() + " bytes",
          "not fetched"));
      return new FoundAttestation(SignatureFormat.LEGACY, image, where, FoundAttestation.Status.FAILED, List.of(),
          r.build(), null);
    }
    DsseEnvelope env;
    byte[] raw;
    try {
      raw = Streams.readCapped(repo.openBlob(layer), expect.maxBytes(), "attestation layer");
      env = DsseEnvelope.parse(raw);
    } catch (InvalidInputException e) {
      r.add(VerificationCheck.failed("envelope", "a DSSE envelope", null, e.getMessage()));
      return new FoundAttestation(SignatureFormat.LEGACY, image, where, FoundAttestation.Status.FAILED, List.of(),
          r.build(), null);
    }
    r.add(VerificationCheck.passed("envelope", env.signatures().size() + " signature(s)"));
    // cosign timestamps an attestation over the envelope bytes as stored (the layer blob)
    TimestampEvidence ts = LegacyTimestamps.evaluate(layer, raw, expect.timestamps(), r);
    return EnvelopeCheck.check(SignatureFormat.LEGACY, image, where, env,
        layer.annotations().get(AttestationStore.PREDICATE_TYPE_ANNOTATION), expect, ts.time().orElse(null), r);
  }

  static FoundAttestation failure(Digest image, String where, String check, String why) {
    return new FoundAttestation(SignatureFormat.LEGACY, image, where, FoundAttestation.Status.FAILED, List.of(),
        VerificationReport.builder(where).add(VerificationCheck.failed(check, null, null, why)).build(), null);
  }
}
