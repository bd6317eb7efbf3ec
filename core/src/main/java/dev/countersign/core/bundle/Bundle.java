package dev.countersign.core.bundle;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.internal.bundle.BundleReader;
import dev.countersign.core.internal.bundle.BundleWriter;
import dev.countersign.core.internal.StrictJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sigstore bundle: verification material and exactly one content, a {@link MessageSignature} (a signed blob)
 * or a {@link DsseEnvelope} (an attestation). Reads media types v0.1, v0.2 and v0.3 (protobuf JSON, at most
 * 16 MiB, strictly typed); always writes v0.3 ({@link BundleMediaType#V0_3}).
 */
public final class Bundle {
  private final BundleMediaType mediaType;
  private final VerificationMaterial material;
  private final MessageSignature messageSignature;
  private final DsseEnvelope dsseEnvelope;

  private Bundle(BundleMediaType mediaType, VerificationMaterial material, MessageSignature messageSignature,
      DsseEnvelope dsseEnvelope) {
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.material = Objects.requireNonNull(material, "verificationMaterial");
    if ((messageSignature == null) == (dsseEnvelope == null)) {
      throw new InvalidInputException("a bundle holds exactly one of messageSignature and dsseEnvelope");
    }
    this.messageSignature = messageSignature;
    this.dsseEnvelope = dsseEnvelope;
  }

  /** A v0.3 bundle with a message signature. */
  public static Bundle ofMessageSignature(VerificationMaterial material, MessageSignature signature) {
    return new Bundle(BundleMediaType.V0_3, material, Objects.requireNonNull(signature, "signature"), null);
  }

  /** A v0.3 bundle with a DSSE envelope. */
  public static Bundle ofDsseEnvelope(VerificationMaterial material, DsseEnvelope envelope) {
    return new Bundle(BundleMediaType.V0_3, material, null, Objects.requireNonNull(envelope, "envelope"));
  }

  /** A bundle as read, with its original media type (the reader's entry point). */
  public static Bundle of(BundleMediaType mediaType, VerificationMaterial material,
      MessageSignature messageSignature, DsseEnvelope dsseEnvelope) {
    return new Bundle(mediaType, material, messageSignature, dsseEnvelope);
  }

  /** Parses bundle JSON; throws {@link InvalidInputException} naming the first problem. */
  public static Bundle parse(byte[] json) {
    return BundleReader.read(json);
  }

  /** Parses bundle JSON text. */
  public static Bundle parse(String json) {
    return parse(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /** Reads and parses a bundle file. */
  public static Bundle parse(Path file) {
    return parse(StrictJson.readCapped(file, "Sigstore bundle"));
  }

  /** Reads and parses a bundle from a stream (not closed), refusing more than 16 MiB. */
  public static Bundle parse(InputStream in) {
    return parse(StrictJson.readCapped(in, "Sigstore bundle"));
  }

  /** The media type the bundle was read with ({@link BundleMediaType#V0_3} for bundles built here). */
  public BundleMediaType mediaType() {
    return mediaType;
  }

  public VerificationMaterial verificationMaterial() {
    return material;
  }

  public Optional<MessageSignature> messageSignature() {
    return Optional.ofNullable(messageSignature);
  }

  public Optional<DsseEnvelope> dsseEnvelope() {
    return Optional.ofNullable(dsseEnvelope);
  }

  /**
   * Compact v0.3 JSON: {@code {"mediaType":..,"verificationMaterial":{..},"messageSignature"|"dsseEnvelope":..}}.
   * Transparency-log entries and timestamps are written back as they were read; a v0.1/v0.2 certificate chain
   * is written as its leaf {@code certificate}, as v0.3 requires.
   */
  public String toJson() {
    return BundleWriter.write(this);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Bundle)) {
      return false;
    }
    Bundle b = (Bundle) o;
    return mediaType == b.mediaType && material.equals(b.material)
        && Objects.equals(messageSignature, b.messageSignature) && Objects.equals(dsseEnvelope, b.dsseEnvelope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, material, messageSignature, dsseEnvelope);
  }

  @Override
  public String toString() {
    return "Bundle{" + mediaType.value() + ", " + material + ", "
        + (messageSignature != null ? messageSignature : dsseEnvelope) + "}";
  }
}
