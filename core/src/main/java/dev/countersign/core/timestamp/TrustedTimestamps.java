package dev.countersign.core.timestamp;

import java.time.Instant;

/**
 * Verifies RFC 3161 timestamps against trusted timestamp authorities, as cosign's
 * {@code --timestamp-certificate-chain} does. Verifiers configured with one require a timestamp on every signature
 * (fail closed), check it over the signed bytes, and use the trusted time as the signing time they ask the
 * {@link dev.countersign.core.KeyResolver} about ({@link dev.countersign.core.KeyQuery#time()}). The keys module's
 * {@code TimestampVerifier} implements it.
 */
@FunctionalInterface
public interface TrustedTimestamps {
  /**
   * The trusted signing time of {@code signedTimestamp} (a DER {@code TimeStampResp}, or a bare token) over
   * {@code signedBytes}: the token's genTime once its message imprint equals the hash of {@code signedBytes}, its
   * signature verifies and its authority chains to a trusted root with the timestamping usage.
   *
   * @throws dev.countersign.core.VerificationException when a rule fails; its report names the rule
   * @throws dev.countersign.core.InvalidInputException when the bytes are not a timestamp
   */
  Instant verifiedTime(byte[] signedTimestamp, byte[] signedBytes);
}
