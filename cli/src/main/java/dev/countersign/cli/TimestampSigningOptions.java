package dev.countersign.cli;

import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.keys.timestamp.TimestampClient;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --timestamp-server-url URL} of the signing commands (sign, sign-blob, attest, attest-blob), as cosign. */
final class TimestampSigningOptions {
  @Option(names = "--timestamp-server-url", paramLabel = "URL",
      description = "RFC 3161 time-stamping authority: obtain a timestamp over the signature and store it with it "
          + "(bundle timestampVerificationData, or the dev.sigstore.cosign/rfc3161timestamp annotation)")
  String url;

  /** The TSA client, when a URL was given. */
  Optional<Timestamper> timestamper() {
    return url == null ? Optional.empty() : Optional.of(TimestampClient.builder(url).build());
  }
}
