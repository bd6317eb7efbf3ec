package dev.countersign.core.intoto;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.Rfc3161Timestamp;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed in-toto attestation: the DSSE envelope ({@link #envelopeJson()}, what {@code cosign attest-blob
 * --output-signature} and a {@code .att} layer hold) and the statement it carries. {@link #toBundle()} gives the
 * Sigstore bundle v0.3 form ({@code dsseEnvelope} content, {@code publicKey.hint} = the first signer's key id).
 * Made by {@link AttestationBuilder}; an instance never holds an unsigned or unparsable payload.
 */
public final class SignedAttestation {
  private final DsseEnvelope envelope;
  private final InTotoStatement statement;
  private final KeyId keyId;
  private final byte[] timestamp;

  private SignedAttestation(DsseEnvelope envelope, KeyId keyId) {
    this(envelope, keyId, null);
  }

  private SignedAttestation(DsseEnvelope envelope, KeyId keyId, byte[] timestamp) {
    this.timestamp = timestamp == null ? null : Rfc3161Timestamp.of(timestamp).signedTimestamp();
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    if (!InTotoStatement.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      throw new InvalidInputException("DSSE payload type must be " + InTotoStatement.PAYLOAD_TYPE + ", got "
          + envelope.payloadType());
    }
    this.statement = InTotoStatement.parse(envelope.payload());
    this.keyId = Objects.requireNonNull(keyId, "keyId");
  }

  /** An attestation from a signed envelope and its (first) signer's key id; the payload must be a statement. */
  public static SignedAttestation of(DsseEnvelope envelope, KeyId keyId) {
    return new SignedAttestation(envelope, keyId);
  }

  /**
   * This attestation with an RFC 3161 timestamp over its envelope's first signature (a DER
   * {@code TimeStampResp}), which {@link #toBundle()} stores in {@code timestampVerificationData}.
   */
  public SignedAttestation withTimestamp(byte[] timeStampResponse) {
    return new SignedAttestation(envelope, keyId, Objects.requireNonNull(timeStampResponse, "timeStampResponse"));
  }

  /** A copy of the DER {@code TimeStampResp} over the envelope signature, when one was obtained. */
  public Optional<byte[]> timestamp() {
    return Optional.ofNullable(timestamp).map(byte[]::clone);
  }

  public DsseEnvelope envelope() {
    return envelope;
  }

  /** The signed statement, as parsed from the envelope's payload bytes. */
  public InTotoStatement statement() {
    return statement;
  }

  /** The first signer's key id. */
  public KeyId keyId() {
    return keyId;
  }

  /** The envelope as compact JSON. */
  public String envelopeJson() {
    return envelope.toJson();
  }

  /** SHA-256 of {@link #envelopeJson()}'s UTF-8 bytes (a VSA's {@code inputAttestations} digest). */
  public Digest envelopeDigest() {
    return Digest.compute(DigestAlgorithm.SHA256, envelopeJson().getBytes(StandardCharsets.UTF_8));
  }

  /** A Sigstore bundle v0.3 holding the envelope (and the timestamp, if any), without transparency-log entries. */
  public Bundle toBundle() {
    VerificationMaterial material = VerificationMaterial.ofPublicKey(keyId);
    if (timestamp != null) {
      material = material.withTimestamps(List.of(Rfc3161Timestamp.of(timestamp)));
    }
    return Bundle.ofDsseEnvelope(material, envelope);
  }

  /** {@link #toBundle()} as JSON. */
  public String bundleJson() {
    return toBundle().toJson();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedAttestation && envelope.equals(((SignedAttestation) o).envelope)
        && keyId.equals(((SignedAttestation) o).keyId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(envelope, keyId);
  }

  @Override
  public String toString() {
    return "SignedAttestation{" + statement + ", " + envelope.signatures().size() + " signature(s), keyId=" + keyId
        + "}";
  }
}
