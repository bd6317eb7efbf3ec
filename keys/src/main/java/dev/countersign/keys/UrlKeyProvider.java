package dev.countersign.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.core.spi.KeyProvider;
import dev.countersign.core.spi.KeyReference;
import dev.countersign.keys.internal.resolver.PublicKeyDownload;
import java.util.Set;

/**
 * The key backend for public keys published on a web server, schemes {@code https} and {@code http}: cosign's
 * {@code --key https://cdn.example.com/pubkey-2026-11-25.pem}. The file must be a PEM public key (at most
 * {@value PublicKeyDownload#MAX_BYTES} bytes, HTTP 200, redirects not followed); plain {@code http://} is fetched
 * only from loopback hosts. A {@code #sha256=HEX} fragment pins the SHA-256 of the file's bytes (what the CLI's
 * {@code --key-sha256} adds); without it the URL alone is trusted, as cosign does. Downloads are kept per URL for
 * the life of the process. Verification only: there is no private key behind a URL. Registered for
 * {@link java.util.ServiceLoader}.
 */
public final class UrlKeyProvider implements KeyProvider {
  /** For {@link java.util.ServiceLoader}; the provider is stateless apart from the per-URL download cache. */
  public UrlKeyProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("https", "http");
  }

  /** Refuses: a URL names a public key. */
  @Override
  public Signer signer(KeyReference reference, PasswordSource passwords) {
    throw new InvalidInputException("an http(s) key reference names a public key; it cannot sign");
  }

  /**
   * The public key the URL serves.
   *
   * @throws dev.countersign.core.VerificationException when a {@code #sha256=} pin does not match
   */
  @Override
  public Verifier verifier(KeyReference reference) {
    PublicKeyDownload.Target target = PublicKeyDownload.parse(reference.text());
    byte[] pem = PublicKeyDownload.fetch(target);
    return Verifiers.of(PemKeys.readPublicKey(pem, target.url().toString()));
  }
}
