/**
 * RFC 3161 trusted timestamps over signatures, as cosign uses them ({@code --timestamp-server-url},
 * {@code --timestamp-certificate-chain}): {@link dev.countersign.keys.timestamp.TimestampClient} asks a
 * time-stamping authority for a token over a signature's bytes, {@link dev.countersign.keys.timestamp.TimestampVerifier}
 * checks a token against the signature and a trusted TSA root and yields the trusted signing time.
 */
package dev.countersign.keys.timestamp;
