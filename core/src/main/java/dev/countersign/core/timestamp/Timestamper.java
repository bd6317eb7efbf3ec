package dev.countersign.core.timestamp;

/**
 * Obtains an RFC 3161 timestamp over signed bytes, as cosign's {@code --timestamp-server-url} does. Signers call it
 * with exactly the bytes a verifier will hash for the message imprint: the raw signature for blob and image
 * signatures and bundles, the DSSE envelope for cosign's legacy attestations. The keys module's
 * {@code TimestampClient} implements it over HTTP; any other source of tokens may be plugged in.
 */
@FunctionalInterface
public interface Timestamper {
  /**
   * A DER {@code TimeStampResp} (status granted, token included) over {@code signedBytes}.
   *
   * @throws dev.countersign.core.BackendException when the authority cannot be reached or refuses
   * @throws dev.countersign.core.InvalidInputException when its answer is not a usable response
   */
  byte[] timestampResponse(byte[] signedBytes);
}
