package dev.countersign.core.blob;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.Predicate;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.core.intoto.StatementVersion;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Attests blobs the way {@code cosign attest-blob --key} does: an in-toto statement whose subject is the file
 * (its name and SHA-256, hashed as it streams), signed in a DSSE envelope ({@link SignedAttestation#envelopeJson()},
 * what {@code --output-signature} writes) or a Sigstore bundle v0.3 ({@link SignedAttestation#bundleJson()},
 * {@code --bundle}). Statement v1 unless {@link #statementVersion(StatementVersion)} says otherwise.
 *
 * <pre>{@code
 * SignedAttestation att = BlobAttester.of(signer).attest(Path.of("app.tar.gz"), "slsaprovenance1", predicateJson);
 * Files.writeString(Path.of("app.tar.gz.sigstore.json"), att.bundleJson());
 * }</pre>
 */
public final class BlobAttester {
  private final Signer signer;
  private final StatementVersion version;
  private final Timestamper timestamper;

  private BlobAttester(Signer signer, StatementVersion version, Timestamper timestamper) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.version = Objects.requireNonNull(version, "version");
    this.timestamper = timestamper;
  }

  public static BlobAttester of(Signer signer) {
    return new BlobAttester(signer, StatementVersion.V1, null);
  }

  /** This attester writing statements of {@code version} ({@code --statement-version}). */
  public BlobAttester statementVersion(StatementVersion version) {
    return new BlobAttester(signer, version, timestamper);
  }

  /**
   * This attester, also obtaining an RFC 3161 timestamp over each envelope's signature from {@code timestamper}
   * ({@code cosign attest-blob --timestamp-server-url}); the bundle form carries it.
   */
  public BlobAttester withTimestamper(Timestamper timestamper) {
    return new BlobAttester(signer, version, Objects.requireNonNull(timestamper, "timestamper"));
  }

  /**
   * Attests a file: subject name = the file name, digest = its SHA-256. {@code type} is a predicate type URI or a
   * cosign shortcut ({@code slsaprovenance1}, {@code cyclonedx}, ...).
   */
  public SignedAttestation attest(Path artifact, String type, JsonNode predicate) {
    Objects.requireNonNull(artifact, "artifact");
    Path name = artifact.getFileName();
    return attest(name == null ? artifact.toString() : name.toString(), Digest.sha256(artifact), type, predicate);
  }

  /** Attests a file with a typed predicate. */
  public SignedAttestation attest(Path artifact, Predicate predicate) {
    return attest(artifact, predicate.predicateType(), predicate.toJson());
  }

  /** Attests a stream (read to its end, not closed) under {@code name}. */
  public SignedAttestation attest(String name, InputStream artifact, String type, JsonNode predicate) {
    return attest(name, Digest.compute(DigestAlgorithm.SHA256, artifact), type, predicate);
  }

  /** Attests an artifact known by its digest. */
  public SignedAttestation attest(String name, Digest digest, String type, JsonNode predicate) {
    SignedAttestation att = AttestationBuilder.of(signer).statementVersion(version).subject(name, digest)
        .predicate(PredicateTypes.resolve(type), predicate).build();
    return timestamper == null ? att
        : att.withTimestamp(timestamper.timestampResponse(att.envelope().signatures().get(0).sig()));
  }
}
