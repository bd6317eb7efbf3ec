package dev.countersign.core.spi;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import java.util.Set;

/**
 * A key backend: turns a {@link KeyReference} of its schemes into a {@link Signer} or {@link Verifier}.
 * Backends are registered explicitly with {@link dev.countersign.core.KeyBackends.Builder#register} or found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.countersign.core.spi.KeyProvider}); either way at
 * most one provider may claim a scheme.
 */
public interface KeyProvider {
  /** The URI schemes this provider handles, lower case, e.g. {@code awskms}. */
  Set<String> schemes();

  /**
   * A signer for the private key {@code reference} names; {@code passwords} is asked only when the key is
   * encrypted.
   */
  Signer signer(KeyReference reference, PasswordSource passwords);

  /** A verifier for the public key {@code reference} names (a public key file, or the public half of a key). */
  Verifier verifier(KeyReference reference);

  /**
   * Creates a new key at {@code reference} (e.g. a KMS key and its alias) for {@code algorithm} and returns its
   * signer, as {@code cosign generate-key-pair --kms} does. Backends that cannot create keys keep this default,
   * which refuses.
   *
   * @throws InvalidInputException when this backend cannot create keys, or the reference or algorithm is unusable
   */
  default Signer generate(KeyReference reference, SignatureAlgorithm algorithm) {
    throw new InvalidInputException("the key backend for '" + reference.scheme() + "://' references cannot create"
        + " keys; create the key with its own tools and pass its reference");
  }

  /**
   * Every verification key {@code reference} names, for containers that hold several (a Tink keyset with
   * rotated keys, a keyring). The default wraps {@link #verifier(KeyReference)}.
   */
  default KeyResolver resolver(KeyReference reference) {
    return KeyResolver.of(verifier(reference));
  }
}
