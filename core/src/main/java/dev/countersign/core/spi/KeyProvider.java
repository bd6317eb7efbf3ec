package dev.countersign.core.spi;

import dev.countersign.core.KeyResolver;
import dev.countersign.core.PasswordSource;
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
   * Every verification key {@code reference} names, for containers that hold several (a Tink keyset with
   * rotated keys, a keyring). The default wraps {@link #verifier(KeyReference)}.
   */
  default KeyResolver resolver(KeyReference reference) {
    return KeyResolver.of(verifier(reference));
  }
}
