package dev.countersign.core;

import dev.countersign.core.spi.KeyProvider;
import dev.countersign.core.spi.KeyReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * An immutable routing table from key-reference scheme to {@link KeyProvider}. Build one explicitly
 * ({@link #builder()}) or let {@link #discover()} read the class path; both refuse two providers for one scheme.
 *
 * <pre>{@code
 * KeyBackends keys = KeyBackends.discover();
 * Signer signer = keys.signer("cosign.key", PasswordSource.environment("COSIGN_PASSWORD", PasswordSource.empty()));
 * Verifier verifier = keys.verifier("cosign.pub");
 * }</pre>
 */
public final class KeyBackends {
  private final Map<String, KeyProvider> byScheme;

  private KeyBackends(Map<String, KeyProvider> byScheme) {
    this.byScheme = Map.copyOf(byScheme);
  }

  /** An empty builder; register each backend explicitly. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every {@link KeyProvider} on the class path (the file backend in {@code core} among them), found with
   * {@link ServiceLoader}.
   *
   * @throws BackendException when two providers claim one scheme, naming both
   */
  public static KeyBackends discover() {
    return discover(KeyBackends.class.getClassLoader());
  }

  /** Like {@link #discover()}, searching {@code loader}. */
  public static KeyBackends discover(ClassLoader loader) {
    Builder b = builder();
    for (KeyProvider p : ServiceLoader.load(KeyProvider.class, loader)) {
      b.register(p);
    }
    return b.build();
  }

  /** The schemes this table routes, sorted. */
  public java.util.Set<String> schemes() {
    return new TreeSet<>(byScheme.keySet());
  }

  /** A signer for the private key {@code reference} names. */
  public Signer signer(String reference, PasswordSource passwords) {
    KeyReference ref = KeyReference.parse(reference);
    return provider(ref).signer(ref, passwords);
  }

  /** A verifier for the public key {@code reference} names. */
  public Verifier verifier(String reference) {
    KeyReference ref = KeyReference.parse(reference);
    return provider(ref).verifier(ref);
  }

  /**
   * Creates a key at {@code reference} in a backend that can (a KMS), as {@code cosign generate-key-pair --kms}
   * does, and returns its signer.
   */
  public Signer generate(String reference, SignatureAlgorithm algorithm) {
    KeyReference ref = KeyReference.parse(reference);
    return provider(ref).generate(ref, algorithm);
  }

  /**
   * Creates a key for {@code reference} that cannot sign until {@link #activate} (see {@link KeyProvider#stage}).
   */
  public dev.countersign.core.spi.StagedKey stage(String reference, SignatureAlgorithm algorithm) {
    KeyReference ref = KeyReference.parse(reference);
    return provider(ref).stage(ref, algorithm);
  }

  /**
   * Activates the staged key {@code stagedKey} names (see {@link KeyProvider#activate}); false when it was not
   * staged or is already active.
   */
  public boolean activate(String stagedKey) {
    KeyReference ref = KeyReference.parse(stagedKey);
    return provider(ref).activate(ref);
  }

  /**
   * Every verification key {@code reference} names: one for a public key file, all enabled keys of a Tink keyset
   * (so signatures by rotated-out keys still verify).
   */
  public KeyResolver resolver(String reference) {
    KeyReference ref = KeyReference.parse(reference);
    return provider(ref).resolver(ref);
  }

  private KeyProvider provider(KeyReference ref) {
    KeyProvider p = byScheme.get(ref.scheme());
    if (p == null) {
      throw new KeyNotFoundException("no key backend handles '" + ref.scheme() + "://' references (known: "
          + schemes() + "); add the module that provides it (e.g. countersign-kms-aws for awskms) to the class path"
          + " or register it with KeyBackends.builder()");
    }
    return p;
  }

  /** Collects providers; refuses a second provider for a scheme. */
  public static final class Builder {
    private final Map<String, KeyProvider> byScheme = new LinkedHashMap<>();

    private Builder() {}

    /** Adds {@code provider} for each of its schemes. */
    public Builder register(KeyProvider provider) {
      for (String scheme : provider.schemes()) {
        KeyProvider existing = byScheme.get(scheme);
        if (existing != null && existing.getClass() != provider.getClass()) {
          throw new BackendException("two key providers claim scheme '" + scheme + "': "
              + existing.getClass().getName() + " and " + provider.getClass().getName()
              + "; remove one from the class path or build KeyBackends explicitly with the one you want", false);
        }
        byScheme.put(scheme, provider);
      }
      return this;
    }

    public KeyBackends build() {
      return new KeyBackends(byScheme);
    }
  }
}
