package dev.countersign.cli;

import dev.countersign.core.timestamp.TrustedTimestamps;
import dev.countersign.keys.timestamp.TimestampVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --timestamp-certificate-chain PEM} of the verify commands, as cosign: the TSA's chain (leaf and
 * intermediates, root last); its self-signed certificates are trusted. When given, every signature must carry an
 * RFC 3161 timestamp that verifies, and its time is the signing time the keys are checked at.
 */
final class TimestampVerificationOptions {
  @Option(names = "--timestamp-certificate-chain", paramLabel = "PEM",
      description = "trusted RFC 3161 TSA certificate chain (PEM, root last): require a timestamp over each "
          + "signature from this TSA and use its time as the signing time")
  Path chain;

  /** The trusted timestamps, when a chain was given. */
  Optional<TrustedTimestamps> trusted() {
    if (chain == null) {
      return Optional.empty();
    }
    String pem = new String(CliFiles.readAll(chain), StandardCharsets.US_ASCII);
    return Optional.of(TimestampVerifier.builder().certificateChainPem(pem).build());
  }
}
