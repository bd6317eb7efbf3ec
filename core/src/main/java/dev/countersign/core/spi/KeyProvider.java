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
   * Creates a new key for a later {@link #activate}: the key exists (so its public key and concrete id can be
   * signed into a key manifest) but cannot sign, and {@code reference} (e.g. an alias) does not name it yet. Used by
   * key ceremonies so that nothing is usable before a quorum approved the key. Backends that cannot stage keep this
   * default, which refuses.
   *
   * @throws InvalidInputException when this backend cannot stage keys, or the reference or algorithm is unusable
   */
  default StagedKey stage(KeyReference reference, SignatureAlgorithm algorithm) {
    throw new InvalidInputException("the key backend for '" + reference.scheme() + "://' references cannot stage"
        + " keys for a ceremony");
  }

  /**
   * Makes the key {@code stagedKey} (a reference to the concrete key a {@link #stage} returned) usable: enables it
   * and points the reference it was staged for at it. Returns false, changing nothing, when the key was not staged
   * by {@link #stage} or is already active; the default (backends that cannot stage) always returns false.
   */
  default boolean activate(KeyReference stagedKey) {
    return false;
  }

  /**
   * Every verification key {@code reference} names, for containers that hold several (a Tink keyset with
   * rotated keys, a keyring). The default wraps {@link #verifier(KeyReference)}.
   */
  default KeyResolver resolver(KeyReference reference) {
    return KeyResolver.of(verifier(reference));
  }
}
