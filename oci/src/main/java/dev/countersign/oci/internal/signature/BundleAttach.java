package dev.countersign.oci.internal.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.Signer;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.manifest.OciJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The cosign v3 bundle scheme: an in-toto v1 statement about the image digest, DSSE-signed, in a v0.3 Sigstore
 * bundle that is pushed as an OCI referrer of the image manifest.
 */
public final class BundleAttach {
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
  public static final String EMPTY_CONFIG = "{}";
  public static final String CONTENT_ANNOTATION = "dev.sigstore.bundle.content";
  public static final String PREDICATE_ANNOTATION = "dev.sigstore.bundle.predicateType";
  static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private BundleAttach() {}

  /** {@code {"_type":..,"subject":[{"digest":{"sha256":"<hex>"}}],"predicateType":..,"predicate":{}}}. */
  public static byte[] statement(Digest image) {
    return OciJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("_type", STATEMENT_TYPE);
      g.writeArrayFieldStart("subject");
      g.writeStartObject();
      g.writeObjectFieldStart("digest");
      g.writeStringField(image.algorithm().ociName(), image.hex());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeStringField("predicateType", PREDICATE_TYPE);
      g.writeObjectFieldStart("predicate");
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** The bundle for {@code image} signed by {@code signer}, hinting the signer's key id. */
  public static Bundle bundle(Signer signer, Digest image) {
    DsseEnvelope env = DsseEnvelope.sign(signer, IN_TOTO_PAYLOAD_TYPE, statement(image));
    return Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKey(signer.keyId()), env);
  }

  /** Pushes the bundle and its referrer manifest; returns the referrer's descriptor (artifact type, annotations). */
  public static Descriptor push(Repository repo, Descriptor image, Bundle bundle, Instant created) {
    return push(repo, image, bundle, PREDICATE_TYPE, created);
  }

  /**
   * Pushes a DSSE bundle whose statement has {@code predicateType} as cosign pushes signature and attestation
   * bundles: an empty config, the bundle as the only layer, the image as subject, the predicate type annotated.
   */
  public static Descriptor push(Repository repo, Descriptor image, Bundle bundle, String predicateType,
      Instant created) {
    byte[] json = bundle.toJson().getBytes(StandardCharsets.UTF_8);
    Descriptor layer = repo.pushBlob(MediaTypes.SIGSTORE_BUNDLE_V03, json);
    Descriptor config = repo.pushBlob(MediaTypes.OCI_EMPTY, EMPTY_CONFIG.getBytes(StandardCharsets.US_ASCII));
    Map<String, String> annotations = Map.of(CONTENT_ANNOTATION, "dsse-envelope",
        PREDICATE_ANNOTATION, predicateType,
        CREATED_ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS)));
    Manifest m = ImageManifest.builder().artifactType(MediaTypes.SIGSTORE_BUNDLE_V03)
        .config(Descriptor.of(MediaTypes.OCI_EMPTY, config.digest(), config.size()))
        .addLayer(Descriptor.of(MediaTypes.SIGSTORE_BUNDLE_V03, layer.digest(), layer.size()))
        .subject(Descriptor.of(image.mediaType(), image.digest(), image.size())).annotations(annotations).build()
        .manifest();
    Descriptor put = repo.putManifest(m, null);
    return Descriptor.builder().mediaType(MediaTypes.OCI_MANIFEST).digest(put.digest()).size(put.size())
        .artifactType(MediaTypes.SIGSTORE_BUNDLE_V03).annotations(annotations).build();
  }
}
