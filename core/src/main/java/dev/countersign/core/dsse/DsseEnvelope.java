package dev.countersign.core.dsse;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.internal.dsse.DsseJson;
import dev.countersign.core.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope (Dead Simple Signing Envelope, v1): a payload, its type, and signatures over
 * {@link Pae#encode PAE(payloadType, payload)}. JSON form:
 * {@code {"payload":<base64>,"payloadType":"...","signatures":[{"keyid":"...","sig":<base64>}]}}.
 *
 * <pre>{@code
 * DsseEnvelope env = DsseEnvelope.sign(signer, "application/vnd.in-toto+json", statementBytes);
 * String json = env.toJson();
 * byte[] payload = DsseVerifier.builder().trust(verifier).payloadType("application/vnd.in-toto+json").build()
 *     .verifiedPayload(DsseEnvelope.parse(json));
 * }</pre>
 */
public final class DsseEnvelope {
  /** Most signatures an envelope may carry. */
  public static final int MAX_SIGNATURES = 256;

  private final String payloadType;
  private final byte[] payload;
  private final List<DsseSignature> signatures;

  private DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    this.payload = Objects.requireNonNull(payload, "payload").clone();
    this.signatures = List.copyOf(signatures);
    if (this.signatures.isEmpty()) {
      throw new InvalidInputException("DSSE envelope has no signatures");
    }
    if (this.signatures.size() > MAX_SIGNATURES) {
      throw new InvalidInputException("DSSE envelope has " + this.signatures.size() + " signatures; at most "
          + MAX_SIGNATURES + " are accepted");
    }
  }

  /** An envelope from its parts; at least one signature. */
  public static DsseEnvelope of(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    return new DsseEnvelope(payloadType, payload, signatures);
  }

  /** Signs PAE(payloadType, payload) with {@code signer}; the signature's keyid is {@code signer.keyId()}. */
  public static DsseEnvelope sign(Signer signer, String payloadType, byte[] payload) {
    return new DsseEnvelope(payloadType, payload, List.of(signature(signer, payloadType, payload)));
  }

  /** This envelope with one more signature, by {@code signer}, over the same PAE. */
  public DsseEnvelope withSignature(Signer signer) {
    List<DsseSignature> all = new ArrayList<>(signatures);
    all.add(signature(signer, payloadType, payload));
    return new DsseEnvelope(payloadType, payload, all);
  }

  private static DsseSignature signature(Signer signer, String payloadType, byte[] payload) {
    byte[] sig = signer.sign(Pae.encode(payloadType, payload));
    return DsseSignature.of(signer.keyId().value(), sig);
  }

  /** Parses envelope JSON (at most 16 MiB); base64 may be standard or URL-safe, padded or not. */
  public static DsseEnvelope parse(byte[] json) {
    return DsseJson.read(StrictJson.parseObject(json, "DSSE envelope"), "envelope");
  }

  /** Parses envelope JSON text. */
  public static DsseEnvelope parse(String json) {
    return parse(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /** Reads and parses an envelope file. */
  public static DsseEnvelope parse(Path file) {
    return parse(StrictJson.readCapped(file, "DSSE envelope"));
  }

  public String payloadType() {
    return payloadType;
  }

  /** A copy of the decoded payload. Trust it only after verification. */
  public byte[] payload() {
    return payload.clone();
  }

  public List<DsseSignature> signatures() {
    return signatures;
  }

  /** The bytes every signature covers: PAE(payloadType, payload). */
  public byte[] pae() {
    return Pae.encode(payloadType, payload);
  }

  /** Compact JSON, standard padded base64, fields in the order {@code payload, payloadType, signatures}. */
  public String toJson() {
    return StrictJson.write(g -> DsseJson.write(g, this));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DsseEnvelope)) {
      return false;
    }
    DsseEnvelope e = (DsseEnvelope) o;
    return payloadType.equals(e.payloadType) && Arrays.equals(payload, e.payload) && signatures.equals(e.signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
  }

  @Override
  public String toString() {
    return "DsseEnvelope{payloadType=" + payloadType + ", " + payload.length + " payload bytes, "
        + signatures.size() + " signature(s)}";
  }
}
