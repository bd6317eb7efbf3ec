package dev.countersign.oci.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.Signer;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Signed in-toto attestations for the attestation tests. */
public final class TestAttestations {
  public static final String SLSA1 = "https://slsa.dev/provenance/v1";
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";
  public static final ObjectMapper JSON = new ObjectMapper();

  private TestAttestations() {}

  /** A v1 statement about {@code digest} with {@code predicate} (JSON text) of {@code type}. */
  public static byte[] statement(Digest digest, String type, String predicate) {
    try {
      return InTotoStatement.builder().subject("image", digest).predicate(type, JSON.readTree(predicate)).build()
          .toJson();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statement signed by {@code signer} as an in-toto DSSE envelope. */
  public static DsseEnvelope envelope(Signer signer, Digest digest, String type, String predicate) {
    return DsseEnvelope.sign(signer, InTotoStatement.PAYLOAD_TYPE, statement(digest, type, predicate));
  }

  /** Any bytes signed by {@code signer} with {@code payloadType}. */
  public static DsseEnvelope raw(Signer signer, String payloadType, String payload) {
    return DsseEnvelope.sign(signer, payloadType, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** The manifest a reference names, parsed as an image manifest. */
  public static ImageManifest image(Repository repo, String ref) {
    Manifest m = repo.manifest(ref).orElseThrow(() -> new AssertionError("no manifest " + ref));
    return ImageManifest.parse(m);
  }

  /** The manifest a reference names as a JSON tree. */
  public static JsonNode json(Repository repo, String ref) {
    try {
      return JSON.readTree(repo.manifest(ref).orElseThrow().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] blob(Repository repo, Descriptor d) {
    try (InputStream in = repo.openBlob(d)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
