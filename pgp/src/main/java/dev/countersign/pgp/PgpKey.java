package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.pgp.internal.Bc;
import dev.countersign.pgp.internal.KeyValidity;
import dev.countersign.pgp.internal.KeyringCodec;
import dev.countersign.pgp.internal.Revocation;
import dev.countersign.pgp.internal.SignerContentSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * One OpenPGP key (a primary key with its user ids and subkeys) read from a {@link PgpKeyring}, with its secret
 * part when the keyring held it. Immutable; {@link #toString()} shows the fingerprint and first user id only.
 */
public final class PgpKey {
  private final PGPPublicKeyRing publicRing;
  private final PGPSecretKeyRing secretRing;
  private final Signer signer;

  PgpKey(PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing) {
    this(publicRing, secretRing, null);
  }

  PgpKey(PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing, Signer signer) {
    this.publicRing = publicRing;
    this.secretRing = secretRing;
    this.signer = signer;
  }

  private PGPPublicKey primary() {
    return publicRing.getPublicKey();
  }

  /** Full fingerprint of the primary key, upper-case hex. */
  public String fingerprint() {
    return KeyValidity.fingerprint(primary());
  }

  /** Long key id of the primary key: 16 upper-case hex digits. */
  public String keyId() {
    return String.format(Locale.ROOT, "%016X", primary().getKeyID());
  }

  /** Long key ids of the primary key and every subkey, upper-case hex. */
  public List<String> allKeyIds() {
    List<String> ids = new ArrayList<>();
    for (Iterator<PGPPublicKey> it = publicRing.getPublicKeys(); it.hasNext(); ) {
      ids.add(String.format(Locale.ROOT, "%016X", it.next().getKeyID()));
    }
    return List.copyOf(ids);
  }

  /** User ids, as stored (normally {@code Name <email>}). */
  public List<String> userIds() {
    List<String> ids = new ArrayList<>();
    primary().getUserIDs().forEachRemaining(ids::add);
    return List.copyOf(ids);
  }

  /** Creation time of the primary key. */
  public Instant creationTime() {
    return primary().getCreationTime().toInstant();
  }

  /** Primary-key algorithm, e.g. {@code RSA-3072}, {@code Ed25519}, {@code ECDSA}, {@code DSA}. */
  public String algorithm() {
    int alg = primary().getAlgorithm();
    switch (alg) {
      case PublicKeyAlgorithmTags.RSA_GENERAL:
      case PublicKeyAlgorithmTags.RSA_SIGN:
      case PublicKeyAlgorithmTags.RSA_ENCRYPT:
        return "RSA-" + primary().getBitStrength();
      case PublicKeyAlgorithmTags.EDDSA_LEGACY:
      case PublicKeyAlgorithmTags.Ed25519:
        return "Ed25519";
      case PublicKeyAlgorithmTags.Ed448:
        return "Ed448";
      case PublicKeyAlgorithmTags.ECDSA:
        return "ECDSA";
      case PublicKeyAlgorithmTags.DSA:
        return "DSA";
      default:
        return "algorithm " + alg;
    }
  }

  /** When the primary key expires, if its newest verified self-signature sets an expiry. */
  public Optional<Instant> expiry() {
    return KeyValidity.expiry(primary());
  }

  /** Whether the key has expired at {@code at}. */
  public boolean isExpired(Instant at) {
    return expiry().map(e -> !at.isBefore(e)).orElse(false);
  }

  /** Time of the valid self-revocation of the primary key, if revoked. */
  public Optional<Instant> revocationTime() {
    return KeyValidity.revocation(primary(), primary());
  }

  /**
   * When and why the primary key was revoked, e.g. {@code on 2025-01-02T03:04:05Z (reason: key compromised:
   * "lost laptop")}, if it carries a valid self-revocation.
   */
  public Optional<String> revocationDescription() {
    return KeyValidity.revocationOf(primary(), primary()).map(Revocation::describe);
  }

  /** Whether the primary key carries a valid self-revocation. */
  public boolean isRevoked() {
    return revocationTime().isPresent();
  }

  /** Whether the keyring held the secret part of this key, or a Signer holds it ({@link PgpSignerKeys}). */
  public boolean hasSecretKey() {
    return secretRing != null || signer != null;
  }

  /** The core Signer holding the secret half, for keys made or attached by {@link PgpSignerKeys}. */
  public Optional<Signer> signer() {
    return Optional.ofNullable(signer);
  }

  /**
   * Fingerprint of the key that signs at {@code at}: the newest signing subkey with a valid binding, else the
   * primary. A revoked or expired key is refused with an {@link InvalidInputException} saying which and when.
   */
  public String signingKeyFingerprint(Instant at) {
    return KeyValidity.fingerprint(KeyValidity.signingKey(publicRing, at));
  }

  /**
   * Decrypts the signing key (see {@link #signingKeyFingerprint}) valid now. The passphrase array is zeroed
   * before this returns; pass an empty array for an unprotected key (or a Signer-backed key, which needs none).
   *
   * @throws WrongPasswordException if the passphrase does not open the key
   */
  public PgpUnlockedKey unlock(char[] passphrase) {
    return unlock(passphrase, Instant.now());
  }

  /** As {@link #unlock(char[])}, choosing the signing key valid at {@code at}. */
  public PgpUnlockedKey unlock(char[] passphrase, Instant at) {
    try {
      if (signer != null) {
        PGPPublicKey signing = KeyValidity.signingKey(publicRing, at);
        if (!PgpSignerKeys.holds(signer, signing)) {
          throw new InvalidInputException("signing key " + KeyValidity.fingerprint(signing) + " of key "
              + fingerprint() + " is not the key its Signer holds");
        }
        return PgpUnlockedKey.external(this, signing, new SignerContentSigner(signer, signing));
      }
      if (secretRing == null) {
        throw new InvalidInputException("key " + fingerprint() + " has no secret key in this keyring");
      }
      PGPPublicKey signing = KeyValidity.signingKey(publicRing, at);
      PGPSecretKey secret = secretRing.getSecretKey(signing.getKeyID());
      if (secret == null || secret.isPrivateKeyEmpty()) {
        throw new InvalidInputException("the secret part of signing key " + KeyValidity.fingerprint(signing)
            + " is not in this keyring (stub or missing)");
      }
      PGPPrivateKey priv;
      try {
        priv = secret.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(Bc.digests())
            .setProvider(Bc.provider()).build(passphrase == null ? new char[0] : passphrase));
      } catch (PGPException | RuntimeException e) {
        if (secret.getKeyEncryptionAlgorithm() != 0) {
          throw new WrongPasswordException("wrong passphrase for OpenPGP key " + fingerprint());
        }
        throw new InvalidInputException("cannot read secret key " + fingerprint() + ": " + e.getMessage(), e);
      }
      if (priv == null) {
        throw new InvalidInputException("secret key " + fingerprint() + " holds no private key material");
      }
      return PgpUnlockedKey.decrypted(this, signing, priv);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /** Whether the secret part of the key that signs at {@code at} is passphrase-protected. */
  boolean signingKeyEncrypted(Instant at) {
    if (secretRing == null) {
      return false;
    }
    PGPSecretKey secret = secretRing.getSecretKey(KeyValidity.signingKey(publicRing, at).getKeyID());
    return secret != null && secret.getKeyEncryptionAlgorithm() != 0;
  }

  /** This key's public keyring, binary (as {@code gpg --export}). */
  public byte[] publicKeyringBytes() {
    return KeyringCodec.encoded(publicRing);
  }

  /** This key's public keyring, ASCII-armored with no Version header (as {@code gpg --export --armor}). */
  public String publicKeyringArmored() {
    return KeyringCodec.armor(publicKeyringBytes());
  }

  /** The Bouncy Castle public keyring, for code that builds OpenPGP packets. */
  public PGPPublicKeyRing bcPublicKeyRing() {
    return publicRing;
  }

  /** The Bouncy Castle secret keyring, or empty when the keyring held only the public key. */
  public Optional<PGPSecretKeyRing> bcSecretKeyRing() {
    return Optional.ofNullable(secretRing);
  }

  @Override
  public String toString() {
    List<String> ids = userIds();
    return "PgpKey[" + fingerprint() + (ids.isEmpty() ? "" : " " + ids.get(0))
        + (secretRing != null ? ", secret" : signer != null ? ", signer" : "") + "]";
  }
}
