package dev.countersign.pgp;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.Bc;
import dev.countersign.pgp.internal.KeyValidity;
import dev.countersign.pgp.internal.SignerContentSigner;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;

/**
 * An OpenPGP signing key (the primary or a signing subkey) of a {@link PgpKey}, ready to sign: either decrypted
 * private key material (hash SHA-512, as Helm signs), or a core {@code Signer} holding the secret half elsewhere,
 * e.g. in a KMS (see {@link PgpSignerKeys}; the hash is then the Signer's digest algorithm). Keep it short-lived;
 * {@link #toString()} shows only fingerprints.
 */
public final class PgpUnlockedKey {
  private final PgpKey owner;
  private final PGPPublicKey signingPublicKey;
  private final PGPPrivateKey privateKey;
  private final PGPContentSignerBuilder contentSigner;
  private final int hashAlgorithm;
  private final boolean external;

  private PgpUnlockedKey(PgpKey owner, PGPPublicKey signingPublicKey, PGPPrivateKey privateKey,
      PGPContentSignerBuilder contentSigner, int hashAlgorithm, boolean external) {
    this.owner = owner;
    this.signingPublicKey = signingPublicKey;
    this.privateKey = privateKey;
    this.contentSigner = contentSigner;
    this.hashAlgorithm = hashAlgorithm;
    this.external = external;
  }

  /** A key whose private material was decrypted from a keyring: signs with SHA-512. */
  static PgpUnlockedKey decrypted(PgpKey owner, PGPPublicKey pub, PGPPrivateKey priv) {
    return new PgpUnlockedKey(owner, pub, priv, new JcaPGPContentSignerBuilder(pub.getAlgorithm(),
        HashAlgorithmTags.SHA512).setProvider(Bc.provider()), HashAlgorithmTags.SHA512,
        false);
  }

  /** A key whose secret half is a core Signer: signs with the Signer's digest algorithm. */
  static PgpUnlockedKey external(PgpKey owner, PGPPublicKey pub, SignerContentSigner signer) {
    PGPPrivateKey handle = new PGPPrivateKey(pub.getKeyID(), pub.getPublicKeyPacket(), null);
    return new PgpUnlockedKey(owner, pub, handle, signer, signer.hashAlgorithm(), true);
  }

  /** The key this signing key belongs to. */
  public PgpKey owner() {
    return owner;
  }

  /** Fingerprint of the signing key itself (equals the owner's when the primary signs). */
  public String signingKeyFingerprint() {
    return KeyValidity.fingerprint(signingPublicKey);
  }

  /**
   * The OpenPGP hash this key signs with, as named in a cleartext {@code Hash:} armor header: {@code SHA512} for
   * decrypted keys, the Signer's digest ({@code SHA256}, {@code SHA384}, {@code SHA512}) for Signer-backed keys.
   */
  public String hashAlgorithm() {
    switch (hashAlgorithm) {
      case HashAlgorithmTags.SHA256:
        return "SHA256";
      case HashAlgorithmTags.SHA384:
        return "SHA384";
      default:
        return "SHA512";
    }
  }

  /** The OpenPGP hash algorithm id ({@link HashAlgorithmTags}) this key signs with. */
  public int bcHashAlgorithm() {
    return hashAlgorithm;
  }

  /** Whether the secret half is held by a core {@code Signer} rather than decrypted here. */
  public boolean isSignerBacked() {
    return external;
  }

  /** The signing key's public half, for Bouncy Castle signature generators. */
  public PGPPublicKey bcPublicKey() {
    return signingPublicKey;
  }

  /**
   * The signing key's decrypted private half.
   *
   * @throws InvalidInputException for a Signer-backed key, whose private half is not here; use
   *     {@link #bcSignatureGenerator(int)}, which works for both kinds
   */
  public PGPPrivateKey bcPrivateKey() {
    if (external) {
      throw new InvalidInputException("the private half of OpenPGP key " + signingKeyFingerprint()
          + " is held by a Signer; use bcSignatureGenerator");
    }
    return privateKey;
  }

  /** A Bouncy Castle signature generator initialised for {@code signatureType} with this key and its hash. */
  public PGPSignatureGenerator bcSignatureGenerator(int signatureType) {
    try {
      PGPSignatureGenerator gen = new PGPSignatureGenerator(contentSigner, signingPublicKey);
      gen.init(signatureType, privateKey);
      return gen;
    } catch (PGPException e) {
      throw new BackendException("cannot start an OpenPGP signature: " + e.getMessage(), false, e);
    }
  }

  @Override
  public String toString() {
    return "PgpUnlockedKey[" + signingKeyFingerprint() + " of " + owner.fingerprint()
        + (external ? ", signer-backed" : "") + "]";
  }
}
