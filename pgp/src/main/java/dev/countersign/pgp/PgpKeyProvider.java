package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.spi.KeyProvider;
import dev.countersign.core.spi.KeyReference;
import dev.countersign.pgp.internal.JdkKeys;
import dev.countersign.pgp.internal.PgpReference;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;

/**
 * The key backend for OpenPGP keyrings, scheme {@code pgp}: {@code pgp://PATH[#SELECTOR]}, where PATH is the
 * keyring file ({@code pgp:///home/u/secring.gpg#helm} absolute, {@code pgp://keys/ring.gpg#helm} relative;
 * binary, armored or a GnuPG 2 keybox) and SELECTOR what {@link PgpKeyring#select} takes (fingerprint, long key id
 * or user-id substring, taken literally); no selector means the keyring's only key.
 *
 * <p>The key's OpenPGP signing key (its newest valid signing subkey, else the primary) is used as a raw key,
 * as cosign uses a key file: RSA signs with PKCS#1 v1.5 SHA-256, ECDSA with its curve's hash, Ed25519 as pure
 * Ed25519; the key id is core's {@code KeyId} of that public key. A revoked or expired key is refused, with the
 * date. {@link #resolver} yields every signing-capable key (see {@link PgpKeyResolver}). Registered for
 * {@link java.util.ServiceLoader}.
 */
public final class PgpKeyProvider implements KeyProvider {
  /** For {@link java.util.ServiceLoader}; the provider is stateless. */
  public PgpKeyProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(PgpReference.SCHEME);
  }

  /**
   * A signer for the key's signing key; {@code passwords} is asked (with the reference as purpose) only when the
   * secret key is passphrase-protected.
   *
   * @throws KeyNotFoundException when the keyring file or the key does not exist
   */
  @Override
  public Signer signer(KeyReference reference, PasswordSource passwords) {
    PgpKey key = key(reference);
    if (!key.hasSecretKey()) {
      throw new InvalidInputException("keyring of " + reference + " holds only the public part of key "
          + key.fingerprint() + "; give a secret keyring");
    }
    Instant now = Instant.now();
    char[] password = key.signingKeyEncrypted(now) ? passwords.password(reference.text()) : new char[0];
    PgpUnlockedKey unlocked = key.unlock(password, now);
    PublicKey pub = JdkKeys.publicKey(unlocked.bcPublicKey());
    return Signers.of(JdkKeys.privateKey(unlocked.bcPublicKey(), unlocked.bcPrivateKey()), pub,
        SignatureAlgorithm.defaultFor(pub));
  }

  /** A verifier for the public half of the key's signing key (valid now). */
  @Override
  public Verifier verifier(KeyReference reference) {
    PgpKey key = key(reference);
    String fpr = key.signingKeyFingerprint(Instant.now());
    return Verifiers.of(JdkKeys.publicKey(key.bcPublicKeyRing().getPublicKey(Hex.decode(fpr))));
  }

  /** Every signing-capable key of the referenced key, or of the whole keyring when no selector is given. */
  @Override
  public KeyResolver resolver(KeyReference reference) {
    PgpReference ref = PgpReference.parse(reference);
    PgpKeyring ring = keyring(ref);
    return ref.selector().isPresent() ? PgpKeyResolver.of(List.of(ring.select(ref.selector().get())))
        : PgpKeyResolver.of(ring);
  }

  private static PgpKey key(KeyReference reference) {
    PgpReference ref = PgpReference.parse(reference);
    PgpKeyring ring = keyring(ref);
    if (ref.selector().isPresent()) {
      return ring.select(ref.selector().get());
    }
    if (ring.keys().size() != 1) {
      throw new InvalidInputException("keyring " + ref.keyring() + " holds " + ring.keys().size()
          + " keys; name one with #FINGERPRINT, #KEYID or #USER-ID");
    }
    return ring.keys().get(0);
  }

  private static PgpKeyring keyring(PgpReference ref) {
    if (!Files.exists(ref.keyring())) {
      throw new KeyNotFoundException("keyring file not found: " + ref.keyring());
    }
    if (Files.isDirectory(ref.keyring())) {
      throw new InvalidInputException(ref.keyring() + " is a directory, not a keyring file");
    }
    return PgpKeyring.read(ref.keyring());
  }

  @Override
  public String toString() {
    return "PgpKeyProvider{scheme=pgp}";
  }
}
