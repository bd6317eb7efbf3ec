package dev.countersign.keys.timestamp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.keys.internal.timestamp.TokenChecks;
import dev.countersign.keys.internal.timestamp.TsaCertificates;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies an RFC 3161 token over a signature against trusted TSA roots, as cosign's
 * {@code --timestamp-certificate-chain} does: the message imprint equals the hash of the signature, the token's
 * CMS signature verifies with the TSA certificate, that certificate chains to a trusted root at genTime (PKIX,
 * no revocation checking) and carries the timestamping usage RFC 3161 section 2.3 requires (critical, only
 * id-kp-timeStamping, as sigstore's timestamp-authority enforces). As a core {@link TrustedTimestamps} it plugs
 * into BlobVerifier, ImageVerifier and the attestation verifiers. Immutable and thread-safe.
 */
public final class TimestampVerifier implements TrustedTimestamps {
  private final List<X509Certificate> roots;
  private final List<X509Certificate> pool;

  private TimestampVerifier(List<X509Certificate> roots, List<X509Certificate> pool) {
    this.roots = List.copyOf(roots);
    this.pool = List.copyOf(pool);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies {@code token} as a timestamp over {@code signature} (the exact bytes that were timestamped).
   * Failures are reported as failed checks, never thrown.
   */
  public TimestampVerification verify(TimestampToken token, byte[] signature) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(signature, "signature");
    VerificationReport.Builder report = VerificationReport.builder("RFC 3161 timestamp " + token.serialNumber());
    TokenChecks.run(token.encoded(), signature, roots, pool, report);
    return new TimestampVerification(report.build(), token.genTime());
  }

  /**
   * The core SPI hook for verifiers: parses {@code signedTimestamp} and returns its genTime once every check of
   * {@link #verify} passed.
   *
   * @throws dev.countersign.core.VerificationException naming the failed check ({@code imprint},
   *     {@code tsa-signature}, {@code tsa-chain}, {@code tsa-eku})
   */
  @Override
  public Instant verifiedTime(byte[] signedTimestamp, byte[] signedBytes) {
    return verify(TimestampToken.parse(signedTimestamp), signedBytes).trustedTimeOrThrow();
  }

  /** Validating builder; at least one trusted root is required. */
  public static final class Builder {
    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<X509Certificate> pool = new ArrayList<>();

    private Builder() {}

    /** Trusted TSA root certificates (PEM); each becomes a trust anchor. */
    public Builder trustedRootsPem(String pem) {
      roots.addAll(TsaCertificates.parse(pem, "trusted TSA roots"));
      return this;
    }

    /** Intermediate (and optionally leaf) certificates (PEM) used to build paths; never trusted by themselves. */
    public Builder intermediatesPem(String pem) {
      pool.addAll(TsaCertificates.parse(pem, "TSA intermediates"));
      return this;
    }

    /**
     * cosign's {@code --timestamp-certificate-chain} file: the self-signed certificates become trusted roots,
     * the others (leaf, intermediates) path-building material.
     */
    public Builder certificateChainPem(String pem) {
      int before = roots.size();
      for (X509Certificate c : TsaCertificates.parse(pem, "TSA certificate chain")) {
        (TsaCertificates.selfSigned(c) ? roots : pool).add(c);
      }
      if (roots.size() == before) {
        throw new InvalidInputException("TSA certificate chain holds no self-signed root certificate");
      }
      return this;
    }

    public TimestampVerifier build() {
      if (roots.isEmpty()) {
        throw new InvalidInputException("a TimestampVerifier needs at least one trusted TSA root");
      }
      return new TimestampVerifier(roots, pool);
    }
  }
}
